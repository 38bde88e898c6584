package dev.togglsync.engine;

import dev.togglsync.config.PlannedStream;
import dev.togglsync.config.ReplicationPlan;
import dev.togglsync.config.Selection;
import dev.togglsync.target.TableName;
import dev.togglsync.schema.Column;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
        if (!stream.options().addNewColumns() && selection.include().isEmpty()) {
            // target_options.add_new_columns: false: the declared columns are the table's for good; a
            // selection that names columns already drops the fields the API adds later.
            Set<String> declared = new LinkedHashSet<>();
            for (Column c : stream.spec().schema().columns()) {
                if (selection.keeps(c.name())) {
                    declared.add(c.name());
                }
            }
            selection = new Selection(declared, Set.of());
        }
        return new PlannedLoad(stream, TableName.parse(stream.object().trim()), selection,
                selection.apply(stream.spec().schema()), stream.primaryKey());
    }
}
