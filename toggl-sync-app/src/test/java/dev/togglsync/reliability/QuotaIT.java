package dev.togglsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.ExitCode;
import dev.togglsync.config.Connection;
import dev.togglsync.engine.RunListener;
import dev.togglsync.engine.RunReport;
import dev.togglsync.engine.StreamReport;
import dev.togglsync.engine.StreamStatus;
import dev.togglsync.engine.Targets;
import dev.togglsync.simulator.Dataset;
import dev.togglsync.simulator.ManualClock;
import dev.togglsync.simulator.RecordedRequest;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.Target;
import dev.togglsync.testing.TableDump;
import dev.togglsync.testing.TestTargets;
import dev.togglsync.toggl.SourceOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Toggl's hourly quotas, end to end for both databases, on a simulator whose clock only the
 * HTTP layer's waits move: a quota used up mid-run is waited out without provoking a 402; one
 * whose reset is further away than max_quota_wait stops the run with exit 4, the streams finished
 * before stay committed, the one in progress and the rest are untouched, and a rerun after the
 * reset resumes time_entries from its stored cursor and completes.
 */
class QuotaIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestTargets.class)
    void aQuotaUsedUpMidRunIsWaitedOutBeforeTheNextRequestInsteadOfProvokingA402(TestTargets kind) {
        ManualClock clock = new ManualClock(Instant.now());
        // A run needs 3 requests of the user's bucket and about 6 of each organization's; every
        // wait for a reset lasts long enough to start a new window in every bucket.
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withClock(clock).withQuota(1, 2, 2)
                .withTimeEntries(300, 0))) {
            List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
            SourceOptions options = advancing(clock, waits);
            Connection target = kind.fresh(dir);
            Captured.secretsOf(target);

            RunReport report = Sync.run(Sync.source(sim, 1000, Duration.ofHours(1)), target, options,
                    RunListener.NONE);

            assertThat(report.exitCode()).as(report.toString()).isEqualTo(ExitCode.SUCCESS);
            List<Duration> quotaWaits = waits.stream().filter(d -> d.compareTo(Duration.ofMinutes(30)) > 0).toList();
            assertThat(quotaWaits).as("waits for a quota reset").hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofHours(1)));
            assertThat(sim.requests()).extracting(RecordedRequest::status).doesNotContain(402);
            Truth.Verdict verdict = Truth.check(sim, target);
            assertThat(verdict.exact()).as(verdict.toString()).isTrue();
            Sync.dump(target);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestTargets.class, names = {"DUCKDB", "POSTGRES"}) // names tables toggl.<stream>
    void aResetBeyondMaxQuotaWaitExitsFourKeepsFinishedStreamsAndTheRerunResumesAndCompletes(TestTargets kind)
            throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        // A whole run fits in one window of each bucket.
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withClock(clock).withQuota(10, 12, 12)
                .withTimeEntries(300, 0))) {
            List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
            SourceOptions options = advancing(clock, waits);
            Connection target = kind.fresh(dir);
            Captured.secretsOf(target);
            Duration maxWait = Duration.ofSeconds(60);
            assertThat(Sync.run(Sync.source(sim, 1000, maxWait), target, options, RunListener.NONE).exitCode())
                    .isEqualTo(ExitCode.SUCCESS);
            Instant cursor = cursor(target);

            // An hour later Toggl has changes, and another tool has used most of the Premium
            // organization's quota in the new window.
            clock.advance(Duration.ofMinutes(61));
            Mutations.apply(sim, new Random(7));
            clock.advance(Duration.ofSeconds(1));
            useQuota(sim, Dataset.PREMIUM_WORKSPACE_ID, 10);
            String before = Sync.dump(target);

            RunReport stopped = Sync.run(Sync.source(sim, 1000, maxWait), target, options, RunListener.NONE);

            assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(ExitCode.QUOTA_EXHAUSTED);
            assertThat(stopped.stoppedBy().orElseThrow().message()).contains("max_quota_wait (60 s)")
                    .contains("rerun after");
            List<StreamReport> done = stopped.streams().stream().filter(s -> s.status() == StreamStatus.SUCCESS).toList();
            List<StreamReport> notDone = stopped.streams().stream().filter(s -> s.status() != StreamStatus.SUCCESS).toList();
            assertThat(done).as("streams committed before the stop").isNotEmpty();
            assertThat(notDone).as("streams stopped").extracting(StreamReport::stream).contains("time_entries");
            assertThat(notDone.get(0).status()).isEqualTo(StreamStatus.FAILED);
            assertThat(notDone.subList(1, notDone.size())).allSatisfy(s -> assertThat(s.status())
                    .isEqualTo(StreamStatus.NOT_RUN));
            // Committed streams hold the new data; the others are exactly as before the run.
            Map<String, String> tablesBefore = TableDump.tables(before);
            Map<String, String> tablesAfter = TableDump.tables(Sync.dump(target));
            for (StreamReport s : notDone) {
                assertThat(tablesAfter.get(Sync.SCHEMA + "." + s.stream())).as(s.stream() + " untouched")
                        .isEqualTo(tablesBefore.get(Sync.SCHEMA + "." + s.stream()));
            }
            assertThat(done).extracting(StreamReport::stream).contains("projects");
            assertThat(tablesAfter.get("toggl.projects")).as("projects committed with the change")
                    .isNotEqualTo(tablesBefore.get("toggl.projects"));
            assertThat(cursor(target)).isEqualTo(cursor);

            clock.advance(Duration.ofMinutes(61));
            sim.clearRequests();
            RunReport rerun = Sync.run(Sync.source(sim, 1000, maxWait), target, options, RunListener.NONE);

            assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(ExitCode.SUCCESS);
            assertThat(sim.requests()).filteredOn(r -> r.path().equals("/api/v9/me/time_entries"))
                    .singleElement().satisfies(r -> assertThat(r.param("since"))
                            .contains(Long.toString(cursor.minusSeconds(60).getEpochSecond())));
            Truth.Verdict verdict = Truth.check(sim, target);
            assertThat(verdict.exact()).as(verdict.toString()).isTrue();
        }
    }

    /** The HTTP layer's waits move the simulator's clock and take no time. */
    private static SourceOptions advancing(ManualClock clock, List<Duration> waits) {
        return SourceOptions.defaults().withClock(clock).withSleeper(d -> {
            waits.add(d);
            clock.advance(d);
        });
    }

    private static Instant cursor(Connection target) {
        try (Target t = Targets.open(target, Clock.systemUTC())) {
            return t.state(Sync.CONNECTION, "time_entries").flatMap(StreamState::cursor).orElseThrow();
        }
    }

    /** Requests of another client against the workspace's organization quota. */
    private static void useQuota(Simulator sim, long workspaceId, int requests) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < requests; i++) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v9/workspaces/"
                    + workspaceId + "/clients")).header("Authorization", sim.authorizationHeader()).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }
}
