package dev.togglsync.target;

import dev.togglsync.schema.Column;
import dev.togglsync.schema.Rescan;
import java.sql.PreparedStatement;
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

    /** Rows of a rescanned range not loaded again are stamped gone; a selection without the flag column stamps nothing. */
    @Override
    void markGone(List<Rescan> rescans, List<Column> columns, Instant now) throws SQLException {
        for (Rescan r : rescans) {
            boolean loaded = columns.stream().map(Column::name).toList()
                    .containsAll(List.of(r.flagColumn(), r.scopeColumn(), r.rangeColumn()));
            if (!loaded) {
                continue;
            }
            steps.step("stamping " + r.flagColumn() + " on rows the rescan did not find");
            try (PreparedStatement p = steps.connection().prepareStatement(sql.markGone(r))) {
                p.setString(1, now.toString());
                p.setLong(2, r.scopeValue());
                p.setString(3, r.from().toString());
                p.setString(4, r.to().toString());
                p.executeUpdate();
            }
        }
    }
}
