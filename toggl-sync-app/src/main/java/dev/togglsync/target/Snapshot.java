package dev.togglsync.target;

import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** snapshot: INSERT every row with {@value #LOADED_AT} = the load's commit time. */
final class Snapshot extends StagedMode {
    /** The column holding the commit time of the load that appended the row. */
    static final String LOADED_AT = "_toggl_sync_loaded_at";

    Snapshot(LoadSql sql, LoadSteps steps) {
        super(sql, steps);
    }

    /**
     * Snapshot mode appends the same keys on every load, which a key constraint forbids: say so
     * before any row is read rather than fail on the second load. This happens when a table that
     * another mode created (with its primary key) is switched to snapshot mode.
     */
    @Override
    void prepare(TableSchema schema) throws SQLException {
        steps.step("reading the table's constraints");
        List<String> constraints = Catalog.keyConstraints(steps.connection(), sql.table());
        if (!constraints.isEmpty()) {
            TableName table = sql.table();
            throw steps.refused("mode snapshot appends every load, so keys repeat, but the table has key constraint "
                    + String.join(", ", constraints) + "; snapshot into another object (for example " + table
                    + "_snapshots), or drop the constraint");
        }
        super.prepare(schema);
    }

    @Override
    void merge(List<String> existing, List<Column> columns, Instant now) throws SQLException {
        List<Column> withLoadedAt = new ArrayList<>(columns);
        withLoadedAt.add(new Column(LOADED_AT, ColumnType.TIMESTAMPTZ));
        ensureTable(existing, withLoadedAt, false);
        steps.step("appending the loaded rows");
        try (PreparedStatement p = steps.connection().prepareStatement(sql.insertFromStagingAt(columns, LOADED_AT))) {
            p.setString(1, now.toString());
            p.executeUpdate();
        }
    }
}
