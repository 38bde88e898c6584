package dev.togglsync.engine;

import dev.togglsync.config.Connection;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.target.Target;
import dev.togglsync.toggl.SourceOptions;
import dev.togglsync.toggl.TogglSource;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The way into the engine for every front-end: {@code run} and {@code demo}, {@code run --dry-run},
 * {@code conns test}, and the tests that drive a run in-process. A caller parses its input into
 * loads ({@link RunPlanner}), calls one of these and prints what comes back; opening the source and
 * the target, wiring them together and closing them again happen here.
 */
public final class Engine {
    private Engine() {}

    /**
     * One replication: the target opened, the loads read in order and committed stream by stream,
     * everything closed again. Failures of a stream are in the report, not thrown.
     *
     * @param options the source's clock, sleeper and HTTP listener; the clock also stamps the state
     * @param listener progress of the streams
     */
    public static RunReport run(TogglConnection source, Connection target, List<PlannedLoad> loads, SourceOptions options,
            RunListener listener) {
        try (Target t = Targets.open(target, options.clock())) {
            return run(source, t, loads, options, listener);
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
        try (TogglSource toggl = new TogglSource(source.account(), options)) {
            return new ReplicationRunner(toggl, target, source.name(), options.clock(), listener, stop)
                    .run(target.describe(), loads);
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
