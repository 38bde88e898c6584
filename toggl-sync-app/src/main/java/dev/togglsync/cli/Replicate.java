package dev.togglsync.cli;

import dev.togglsync.config.Connection;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.engine.PlannedLoad;
import dev.togglsync.engine.ReplicationRunner;
import dev.togglsync.engine.RunReport;
import dev.togglsync.engine.Targets;
import dev.togglsync.target.Target;
import dev.togglsync.toggl.SourceOptions;
import dev.togglsync.toggl.TogglSource;
import java.time.Clock;
import java.util.List;

/**
 * One replication through the engine, as {@code run} and {@code demo} both do it: target and
 * source opened, progress wired into both layers, everything closed again. The demo differs from
 * a run only in where its connection and plan come from.
 */
final class Replicate {
    private Replicate() {}

    static RunReport run(TogglConnection source, Connection target, List<PlannedLoad> loads, Clock clock,
            ProgressDisplay progress) {
        try (Target t = Targets.open(target, clock);
                TogglSource toggl = new TogglSource(source.account(), progress.sourceOptions(SourceOptions.defaults().withClock(clock)))) {
            return new ReplicationRunner(toggl, t, source.name(), clock, progress).run(t.describe(), loads);
        } finally {
            progress.close();
        }
    }
}
