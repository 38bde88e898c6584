package dev.togglsync.engine;

import dev.togglsync.config.StreamOptions;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.TableSchema;
import java.util.Set;

/**
 * {@code source_options.workspace_ids}: passes on only the rows whose {@code workspace_id} (or {@code wid}) is one
 * of the ids. It sits before the selection, so the column may be deselected and still filter.
 */
final class WorkspaceFilterSink implements RowSink {
    private final Set<Long> workspaceIds;
    private final RowSink downstream;
    private int column;

    WorkspaceFilterSink(Set<Long> workspaceIds, TableSchema sourceSchema, RowSink downstream) {
        this.workspaceIds = workspaceIds;
        this.downstream = downstream;
        this.column = StreamOptions.workspaceColumn(sourceSchema);
    }

    @Override
    public void schemaChanged(TableSchema schema) {
        // Old columns keep their places when the schema grows; asked again all the same.
        column = StreamOptions.workspaceColumn(schema);
        downstream.schemaChanged(schema);
    }

    @Override
    public void accept(Object[] row) {
        if (column >= 0 && column < row.length && row[column] instanceof Long id && workspaceIds.contains(id)) {
            downstream.accept(row);
        }
    }
}
