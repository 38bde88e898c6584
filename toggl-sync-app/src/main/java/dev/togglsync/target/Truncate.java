package dev.togglsync.target;

import dev.togglsync.schema.Column;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * truncate: DELETE all rows and INSERT the new ones into the existing table (the same object, so
 * grants and dependent views survive); MVCC readers see the old rows until the commit.
 */
final class Truncate extends StagedMode {
    Truncate(LoadSql sql, LoadSteps steps) {
        super(sql, steps);
    }

    @Override
    void merge(List<String> existing, List<Column> columns, Instant now) throws SQLException {
        ensureTable(existing, columns, true);
        steps.exec("deleting the previous rows", sql.deleteAll());
        steps.exec("inserting the loaded rows", sql.insertFromStaging(columns));
    }
}
