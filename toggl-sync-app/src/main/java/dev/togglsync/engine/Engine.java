package dev.togglsync.engine;

import dev.togglsync.config.Connection;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.target.Target;
import dev.togglsync.target.stdout.JsonLinesTarget;
import java.io.Writer;
import dev.togglsync.toggl.SourceOptions;
import dev.togglsync.toggl.TogglSource;
import dev.togglsync.TogglSyncException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The way into the engine for every front-end: {@code run} and {@code demo}, {@code run --dry-run},
 * {@code conns test}, and the tests that drive a run in-process. A caller parses its input into
 * loads ({@link RunPlanner}), calls one of these and prints what comes back; opening the source and
 * the target, wiring them together and closing them again happen here.
 */
public final class Engine {
    private static final Logger LOG = Logger.getLogger(Engine.class.getName());
    private Engine() {}

    /**
     * One replication: the target checked, the loads read in order and committed stream by stream,
     * everything closed again. Failures of a stream are in the report, not thrown. The target is
     * created (file, schemas, tables, state table) only when the first rows arrive.
     *
     * @param options the source's clock, sleeper and HTTP listener; the clock also stamps the state
     * @param listener progress of the streams
     */
    public static RunReport run(TogglConnection source, Connection target, List<PlannedLoad> loads, SourceOptions options,
            RunListener listener) {
        return run(source, target, loads, options, listener, StopSignal.never());
    }

    /**
     * The same, ended early when {@code stop} is requested (the CLI requests it on SIGINT/SIGTERM):
     * the stream in flight rolls back, the rest are "not run"; the caller decides the exit code.
     */
    public static RunReport run(TogglConnection source, Connection target, List<PlannedLoad> loads, SourceOptions options,
            RunListener listener, StopSignal stop) {
        checkModes(target, loads);
        // Checked read-only before the first request; created only when the first rows arrive
        // (DESIGN.md §6): a refused token leaves the target as it was.
        try (LazyTarget t = new LazyTarget(target, options.clock())) {
            t.checkFile();
            try {
                t.checkServer();
            } catch (TogglSyncException e) {
                // A server down is a target failure like one during the run: in the report, every stream not run.
                LOG.log(Level.FINE, "target check: failure detail", e);
                List<StreamReport> notRun = loads.stream().map(StreamReport::notRun).toList();
                return new RunReport(source.name(), t.describe(), options.clock().instant(), Duration.ZERO, notRun,
                        Optional.of(new RunReport.StopReason(e.exitCode(), e.getMessage())));
            }
            return run(source, t, loads, options, listener, stop);
        }
    }

    /**
     * The same replication into a target the caller opened and closes: tests put a wrapper around it
     * to fail the target in the middle of a load.
     */
    public static RunReport run(TogglConnection source, Target target, List<PlannedLoad> loads, SourceOptions options,
            RunListener listener) {
        return run(source, target, loads, options, listener, StopSignal.never());
    }

    /**
     * The same, ended early when {@code stop} is requested: the stream in flight rolls back, the
     * rest are "not run", and the report's stop reason says so (its exit code is 0; the caller
     * decides what a requested stop exits with).
     */
    public static RunReport run(TogglConnection source, Target target, List<PlannedLoad> loads, SourceOptions options,
            RunListener listener, StopSignal stop) {
        return run(source, target, loads, options, listener, stop, RecentRows.none());
    }

    /** The same, with what earlier cycles of {@code run --every} committed ({@link RecentRows}). */
    static RunReport run(TogglConnection source, Target target, List<PlannedLoad> loads, SourceOptions options,
            RunListener listener, StopSignal stop, RecentRows recent) {
        try (TogglSource toggl = new TogglSource(source.account(), options)) {
            return new ReplicationRunner(toggl, target, source.name(), options.clock(), listener, stop, recent)
                    .run(target.describe(), loads);
        }
    }

    /**
     * Refuses, before any request, a mode the target cannot do: truncate keeps a table object,
     * which a file target does not have (the file target refuses it too, for loads begun otherwise).
     */
    private static void checkModes(Connection target, List<PlannedLoad> loads) {
        if (!(target instanceof dev.togglsync.config.FileConnection)) {
            return;
        }
        for (PlannedLoad load : loads) {
            if (load.stream().mode() == dev.togglsync.config.Mode.TRUNCATE) {
                throw dev.togglsync.TogglSyncException.invalidInput("streams." + load.name() + ": mode truncate keeps a"
                        + " database table object, which a file does not have; use full-refresh, which replaces the file");
            }
        }
    }

    /**
     * {@code run --stdout}: the same replication with no target and no state, every record written
     * to {@code out} as a JSON line with its stream's name ({@link JsonLinesTarget}).
     */
    public static RunReport runToStdout(TogglConnection source, List<PlannedLoad> loads, SourceOptions options,
            RunListener listener, Writer out) {
        try (Target t = new JsonLinesTarget(out)) {
            return run(source, t, loads, options, listener);
        }
    }

    /**
     * {@code run --every}: the same loads again and again in this process, within a share of each
     * hourly quota, until {@code stop} is requested or the token is refused. See {@link EveryLoop}.
     *
     * @param options the source's clock, sleeper (also used between cycles) and HTTP listener
     * @return 0 after a requested stop, 3 when Toggl refused the token
     */
    public static dev.togglsync.ExitCode runEvery(TogglConnection source, Connection target, List<PlannedLoad> loads,
            SourceOptions options, Schedule schedule, StopSignal stop, CycleListener listener) {
        return new EveryLoop(source, target, loads, options, schedule, stop, listener).run();
    }

    /** What {@link #run} would do with these loads, from the cursors stored in the target; sends nothing. */
    public static DryRun plan(TogglConnection source, Connection target, List<PlannedLoad> loads, Clock clock) {
        checkModes(target, loads);
        return DryRun.plan(source, target, loads, clock);
    }

    /**
     * Authenticates, then reads a little of each of {@code streams} (in dependency order), telling
     * {@code each} as each is done. Refused credentials and an exhausted quota end the check with
     * their exception; any other failure is the stream's {@link StreamCheck#error()}.
     */
    public static void checkSource(TogglConnection source, List<StreamSpec> streams, SourceOptions options,
            Consumer<StreamCheck> each) {
        new SourceCheck(source, options).run(streams, each);
    }
}
