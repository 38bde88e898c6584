package dev.togglsync.reliability;

import dev.togglsync.config.Connection;
import dev.togglsync.config.Replication;
import dev.togglsync.config.ReplicationPlan;
import dev.togglsync.Secret;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.engine.Engine;
import dev.togglsync.engine.PlannedLoad;
import dev.togglsync.engine.RunListener;
import dev.togglsync.engine.RunPlanner;
import dev.togglsync.engine.RunReport;
import dev.togglsync.engine.Targets;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.target.Target;
import dev.togglsync.testing.TableDump;
import dev.togglsync.toggl.SourceOptions;
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
 * One run of the real source, engine and target in this JVM, through the engine's entry point as
 * {@code toggl-sync run} calls it ({@link Engine#run}), with the waits, the clock and the source
 * connection's inputs under the test's control.
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
        Captured.secret("simulator token", sim.token());
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
        return run(source(sim, 1000, Duration.ofHours(1)), target, options, RunListener.NONE);
    }

    static RunReport run(TogglConnection source, Connection target, SourceOptions options, RunListener listener) {
        return run(source, target, options, listener, List.of());
    }

    /** @param streams only these streams of the plan; empty = all */
    static RunReport run(TogglConnection source, Connection target, SourceOptions options, RunListener listener,
            List<String> streams) {
        return captured(Engine.run(source, target, loads(options, streams), options, listener));
    }

    /**
     * The same run into the target as {@code wrap} returns it: a test puts itself between the engine
     * and the target (to stop a server mid-load).
     */
    static RunReport runWrapped(TogglConnection source, Connection target, SourceOptions options,
            UnaryOperator<Target> wrap) {
        try (Target opened = Targets.open(target, options.clock())) {
            return captured(Engine.run(source, wrap.apply(opened), loads(options, List.of()), options, RunListener.NONE));
        }
    }

    private static List<PlannedLoad> loads(SourceOptions options, List<String> streams) {
        ReplicationPlan plan = plan(options.clock());
        if (!streams.isEmpty()) {
            plan = plan.onlyStreams(streams);
        }
        return RunPlanner.plan(plan);
    }

    private static RunReport captured(RunReport report) {
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
