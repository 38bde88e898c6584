package dev.togglsync.engine;

import dev.togglsync.config.PlannedStream;
import dev.togglsync.config.ReplicationPlan;
import dev.togglsync.config.Selection;
import dev.togglsync.target.TableName;
import java.util.List;

/**
 * Turns a replication plan into loads. The plan is valid when it leaves {@code config} (stream
 * names, object names, keys, selection: {@code config.StreamRules}); this only derives what a load
 * needs from it, and checks nothing again.
 */
public final class RunPlanner {
    private RunPlanner() {}

    public static List<PlannedLoad> plan(ReplicationPlan plan) {
        return plan.streams().stream().map(RunPlanner::plan).toList();
    }

    static PlannedLoad plan(PlannedStream stream) {
        Selection selection = stream.selection();
        return new PlannedLoad(stream, TableName.parse(stream.object().trim()), selection,
                selection.apply(stream.spec().schema()), stream.primaryKey());
    }
}
