package dev.togglsync.reliability;

import dev.togglsync.config.Connection;
import dev.togglsync.config.Replication;
import dev.togglsync.config.ReplicationPlan;
import dev.togglsync.Secret;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.engine.ReplicationRunner;
import dev.togglsync.engine.RunListener;
import dev.togglsync.engine.RunPlanner;
import dev.togglsync.engine.RunReport;
import dev.togglsync.engine.Targets;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.target.Target;
import dev.togglsync.testing.TableDump;
import dev.togglsync.toggl.SourceOptions;
import dev.togglsync.toggl.TogglSource;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One run of the real source, engine and target in this JVM, the way {@code toggl-sync run} wires
 * them, with the waits, the clock and the source connection's inputs under the test's control.
 * Reports and dumps go to {@link Captured} for the final secret scan.
 */
final class Sync {
    static final String CONNECTION = "TOGGL_TRACK";
    /** The default run: every stream into schema toggl, time_entries incremental, the rest full-refresh. */
    static final String PLAN = "all-with-incremental-time-entries.yaml";
    static final String SCHEMA = "toggl";
    /** The replication file the CLI-driven tests write: every stream into schema toggl of TARGET, time_entries incremental. */
    static final String REPLICATION_YAML = """
            source: TOGGL_TRACK
            target: TARGET
            defaults:
              object: toggl.{stream_name}
            streams:
              '*':
              time_entries:
                mode: incremental
            """;

    private Sync() {}

    /** The Toggl connection of {@code sim}: its token and URL, {@code rate} requests/s, {@code maxQuotaWait}. */
    static TogglConnection source(Simulator sim, double rate, Duration maxQuotaWait) {
        Captured.secret(sim.token());
        return new TogglConnection(CONNECTION, Secret.of(sim.token()), Optional.empty(), URI.create(sim.baseUrl()), rate,
                maxQuotaWait, List.of());
    }

    /** Retries and quota waits happen at once: the HTTP layer's sleeper does nothing. */
    static SourceOptions noWaiting() {
        return SourceOptions.defaults().withSleeper(d -> {});
    }

    static ReplicationPlan plan(Clock clock) {
        try {
            Path file = Path.of(Objects.requireNonNull(Sync.class.getResource("/replication/" + PLAN)).toURI());
            return Replication.load(file, clock);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static RunReport run(Simulator sim, Connection target, SourceOptions options) {
        return run(source(sim, 1000, Duration.ofHours(1)), target, options, RunListener.NONE, t -> t);
    }

    /**
     * @param wrap lets a test put itself between the engine and the target (to stop a server mid-load)
     */
    static RunReport run(TogglConnection source, Connection target, SourceOptions options, RunListener listener,
            UnaryOperator<Target> wrap) {
        return run(source, target, options, listener, wrap, List.of());
    }

    /** @param streams only these streams of the plan; empty = all */
    static RunReport run(TogglConnection source, Connection target, SourceOptions options, RunListener listener,
            UnaryOperator<Target> wrap, List<String> streams) {
        RunReport report;
        ReplicationPlan plan = plan(options.clock());
        if (!streams.isEmpty()) {
            plan = plan.onlyStreams(streams);
        }
        try (Target opened = Targets.open(target, options.clock()); TogglSource toggl = new TogglSource(source.account(), options)) {
            Target t = wrap.apply(opened);
            report = new ReplicationRunner(toggl, t, CONNECTION, options.clock(), listener)
                    .run(t.describe(), RunPlanner.plan(plan));
        }
        Captured.add("run report", report.toString());
        return report;
    }

    static String dump(Connection target) {
        try {
            return Captured.add("dump of " + target.name(), TableDump.of(target));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot dump " + target.name() + ": " + e.getMessage(), e);
        }
    }
}
