package dev.togglsync.engine;

import dev.togglsync.config.PlannedStream;
import dev.togglsync.config.Selection;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.target.TableName;
import java.util.List;

/** One stream of a run, resolved and checked: where it goes and which columns it writes. */
public record PlannedLoad(
        PlannedStream stream, TableName table, Selection selection, TableSchema schema, List<String> primaryKey) {
    public PlannedLoad {
        primaryKey = List.copyOf(primaryKey);
    }

    public String name() {
        return stream.spec().name();
    }
}
