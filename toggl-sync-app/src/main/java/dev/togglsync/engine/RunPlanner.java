package dev.togglsync.engine;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Mode;
import dev.togglsync.config.PlannedStream;
import dev.togglsync.config.ReplicationPlan;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.target.TableName;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a validated replication plan into loads, checking what needs the stream catalogue: target
 * object names, selected columns, primary and update keys. Runs before the first request.
 */
public final class RunPlanner {
    private RunPlanner() {}

    public static List<PlannedLoad> plan(ReplicationPlan plan) {
        List<PlannedLoad> loads = new ArrayList<>();
        for (PlannedStream stream : plan.streams()) {
            loads.add(plan(stream));
        }
        return List.copyOf(loads);
    }

    static PlannedLoad plan(PlannedStream stream) {
        StreamSpec spec = stream.spec();
        String where = "streams." + spec.name();
        TableName table = tableName(stream.object(), where + ".object");
        List<String> primaryKey = stream.primaryKey().isEmpty() ? spec.primaryKey() : stream.primaryKey();
        for (String key : primaryKey) {
            if (spec.schema().indexOf(key) < 0) {
                throw TogglSyncException.invalidInput(where + ".primary_key: '" + key + "' is not a column of "
                        + spec.name() + "; the default is " + spec.primaryKey());
            }
        }
        stream.updateKey().ifPresent(key -> {
            boolean matchesCursor = spec.cursorField().map(key::equals).orElse(false);
            if (stream.mode() == Mode.INCREMENTAL && spec.incremental() && !matchesCursor) {
                throw TogglSyncException.invalidInput(where + ".update_key: '" + key + "' is not supported; "
                        + spec.name() + " is incremental on '" + spec.cursorField().orElseThrow()
                        + "' (the only change filter the Toggl API offers); use update_key: "
                        + spec.cursorField().orElseThrow() + " or leave it out");
            }
        });
        ColumnSelection selection =
                ColumnSelection.parse(stream.select(), spec.schema(), primaryKey, where + ".select");
        return new PlannedLoad(stream, table, selection, selection.apply(spec.schema()), primaryKey);
    }

    private static TableName tableName(String object, String where) {
        String trimmed = object == null ? "" : object.trim();
        int dot = trimmed.indexOf('.');
        if (trimmed.isEmpty() || dot == 0 || dot == trimmed.length() - 1) {
            throw TogglSyncException.invalidInput(where + ": '" + object
                    + "' is not a table name; write schema.table or table, e.g. toggl.{stream_name}");
        }
        return TableName.parse(trimmed);
    }
}
