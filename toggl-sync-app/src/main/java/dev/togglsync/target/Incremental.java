package dev.togglsync.target;

import dev.togglsync.schema.Column;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * incremental: UPDATE the rows whose key was loaded, then INSERT the keys not yet present. This
 * works on any existing table, also one created by hand or by Sling without a key constraint.
 */
final class Incremental extends StagedMode {
    Incremental(LoadSql sql, LoadSteps steps) {
        super(sql, steps);
    }

    @Override
    void merge(List<String> existing, List<Column> columns, Instant now) throws SQLException {
        ensureTable(existing, columns, true);
        List<Column> values = columns.stream().filter(c -> !sql.key().contains(c.name())).toList();
        if (!values.isEmpty()) {
            steps.exec("updating rows whose key was loaded before", sql.updateFromStaging(values));
        }
        steps.exec("inserting rows with new keys", sql.insertNewKeysFromStaging(columns));
    }
}
