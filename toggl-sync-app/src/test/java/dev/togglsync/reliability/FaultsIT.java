package dev.togglsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.ExitCode;
import dev.togglsync.config.Connection;
import dev.togglsync.engine.RunReport;
import dev.togglsync.engine.StreamReport;
import dev.togglsync.engine.StreamStatus;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.toggl.TogglStream;
import dev.togglsync.simulator.Fault;
import dev.togglsync.simulator.FaultRule;
import dev.togglsync.simulator.ManualClock;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.TestTargets;
import dev.togglsync.toggl.SourceOptions;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transient faults of every kind the Toggl API and the network produce, injected by the simulator
 * into the first requests of every kind of path, end to end for both databases: each run must
 * survive them (retry, then succeed) and leave tables that equal the ground truth, both on a fresh
 * target and on an incremental rerun after changes in Toggl. The HTTP layer's waits go through a
 * sleeper that only moves a clock shared with the simulator, so the backoffs are asserted exactly
 * and cost no time.
 */
class FaultsIT {
    /** The paths whose first requests fail: the user's own, the workspace lists (paged and not), the entries. */
    private static final List<String> PATHS = List.of("/api/v9/me", "/api/v9/me/workspaces",
            "/api/v9/workspaces/*/projects", "/api/v9/workspaces/*/tasks", "/api/v9/workspaces/*/tags",
            "/api/v9/me/time_entries");
    private static final Duration BACKOFF_10_20_40_80 = Duration.ofSeconds(150);

    /** One kind of fault: how it is armed, how often per path, the waits it must cause per path. */
    record Kind(String name, Fault fault, int times, Duration waitsPerPath, List<String> paths) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("429 storm without Retry-After", Fault.tooManyRequests(), 4, BACKOFF_10_20_40_80, PATHS),
            new Kind("429 storm with Retry-After: 7", Fault.tooManyRequests(Duration.ofSeconds(7)), 4,
                    Duration.ofSeconds(28), PATHS),
            new Kind("500 burst", Fault.internalServerError(), 4, BACKOFF_10_20_40_80, PATHS),
            new Kind("502 burst with the load balancer's HTML page", Fault.badGateway(), 4, BACKOFF_10_20_40_80, PATHS),
            new Kind("503 burst with an HTML body", Fault.serviceUnavailable(), 4, BACKOFF_10_20_40_80, PATHS),
            new Kind("200 with an HTML page instead of JSON", Fault.response(200, Fault.HTML,
                    "<html><body><h1>Please sign in to the Wi-Fi</h1></body></html>"), 3, Duration.ofSeconds(70), PATHS),
            new Kind("truncated JSON", Fault.truncatedBody(), 3, Duration.ofSeconds(70), PATHS),
            new Kind("connection reset mid-body", Fault.connectionReset(), 3, Duration.ofSeconds(70), PATHS),
            // The delay exceeds the request timeout of SLOW_TIMEOUT; two paths keep the real waiting short.
            new Kind("response slower than the timeout", Fault.slow(Duration.ofMillis(1500)), 2, Duration.ofSeconds(30),
                    List.of("/api/v9/me/workspaces", "/api/v9/me/time_entries")));
    /** The request timeout of the slow-response kind; the other kinds keep the default 60 s. */
    private static final Duration SLOW_TIMEOUT = Duration.ofMillis(500);

    private static final Set<String> SURVIVED = Collections.synchronizedSet(new TreeSet<>());
    private static final List<String> RUNS = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path dir;

    static Stream<Arguments> kindsAndTargets() {
        return KINDS.stream().flatMap(k -> Stream.of(TestTargets.values()).map(t -> Arguments.of(k, t)));
    }

    @ParameterizedTest(name = "{0} into {1}")
    @MethodSource("kindsAndTargets")
    void everyTransientFaultIsSurvivedOnAFirstLoadAndAnIncrementalRerun(Kind kind, TestTargets targetKind)
            throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000).withClock(clock)
                .withTimeEntries(400, 0))) {
            List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
            SourceOptions options = SourceOptions.defaults().withClock(clock)
                    .withSleeper(d -> {
                        waits.add(d);
                        clock.advance(d);
                    })
                    .withTimeouts(Duration.ofSeconds(2), kind.fault() instanceof Fault.Slow
                            ? SLOW_TIMEOUT : SourceOptions.defaults().requestTimeout());
            Connection target = targetKind.fresh(dir);
            Captured.secretsOf(target);

            List<FaultRule> rules = arm(sim, kind);
            RunReport first = Sync.run(Sync.source(sim, 1000, Duration.ofHours(1)), target, options,
                    dev.togglsync.engine.RunListener.NONE);
            assertSurvived(kind, sim, rules, first, waits, target);
            // A first load: every stream's table holds exactly the rows the run reports.
            Map<String, Long> counts = counts(target);
            for (StreamReport s : first.streams()) {
                assertThat(counts.get(s.stream())).as(kind + ": rows reported for " + s.stream()).isEqualTo(s.rows());
            }

            clock.advance(Duration.ofSeconds(5));
            Mutations.apply(sim, new Random(kind.name().hashCode()));
            clock.advance(Duration.ofSeconds(5));
            sim.faults().clear();
            waits.clear();
            rules = arm(sim, kind);
            RunReport second = Sync.run(Sync.source(sim, 1000, Duration.ofHours(1)), target, options,
                    dev.togglsync.engine.RunListener.NONE);
            assertSurvived(kind, sim, rules, second, waits, target);
            counts = counts(target);
            for (StreamReport s : second.streams()) {
                if (!s.stream().equals("time_entries")) {
                    assertThat(counts.get(s.stream())).as(kind + ": rows reported for " + s.stream())
                            .isEqualTo(s.rows());
                }
            }
            SURVIVED.add(kind.name());
            RUNS.add(kind + " into " + targetKind);
        }
    }

    @AfterAll
    static void report() {
        System.out.println("[reliability] fault kinds survived (" + SURVIVED.size() + "): " + String.join("; ", SURVIVED)
                + " — " + RUNS.size() + " kind×target pairs, 2 runs each");
    }

    private static List<FaultRule> arm(Simulator sim, Kind kind) {
        List<FaultRule> rules = new ArrayList<>();
        for (String path : kind.paths()) {
            FaultRule rule = FaultRule.on(path, kind.fault()).times(kind.times());
            sim.faults().add(rule);
            rules.add(rule);
        }
        return rules;
    }

    private static void assertSurvived(Kind kind, Simulator sim, List<FaultRule> rules, RunReport report,
            List<Duration> waits, Connection target) {
        assertThat(report.exitCode()).as(kind + ": " + report).isEqualTo(ExitCode.SUCCESS);
        assertThat(report.streams()).as(kind.name()).allSatisfy(s -> assertThat(s.status()).isEqualTo(StreamStatus.SUCCESS));
        for (FaultRule rule : rules) {
            assertThat(sim.faults().fired(rule)).as(kind + ": fired on " + rule.pathGlob()).isEqualTo(kind.times());
        }
        // Pacing waits 1 ms between requests at 1000/s; everything longer is a retry's wait.
        Duration retryWaits = waits.stream().filter(d -> d.toMillis() > 1).reduce(Duration.ZERO, Duration::plus);
        Duration expected = kind.waitsPerPath().multipliedBy(rules.size());
        if (kind.fault() instanceof Fault.Slow) {
            // A short real timeout: on a loaded machine another answer may be late too.
            assertThat(retryWaits).as(kind + ": waited").isGreaterThanOrEqualTo(expected);
        } else {
            assertThat(retryWaits).as(kind + ": waited").isEqualTo(expected);
        }
        Truth.Verdict verdict = Truth.check(sim, target);
        assertThat(verdict.exact()).as(kind + ": " + verdict).isTrue();
        Sync.dump(target);
    }

    /** Rows per stream table, over one connection. */
    private static Map<String, Long> counts(Connection target) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (java.sql.Connection db = TestTargets.open(target); Statement s = db.createStatement()) {
            for (StreamSpec spec : TogglStream.star()) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + TestTargets.table(target, Sync.SCHEMA, spec.name()))) {
                    r.next();
                    counts.put(spec.name(), r.getLong(1));
                }
            }
        }
        return counts;
    }
}
