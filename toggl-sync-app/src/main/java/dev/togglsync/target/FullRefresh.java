package dev.togglsync.target;

import dev.togglsync.schema.Column;
import dev.togglsync.schema.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * full-refresh: rows go straight into a new table, created when the load starts; at commit the old
 * table is DROPped and the new one RENAMEd into place. Readers keep seeing the old table until the
 * commit and the new one after it. Writing the rows once, not into staging and then again into the
 * table, took the commit of a million time entries into PostgreSQL from about 4 s (ANALYZE, repeat
 * removal, INSERT ... SELECT) down to the primary key's build, about 0.4 s (bench/NOTES.md).
 *
 * <p>A repeated key is found by the primary key's build (or, without one, a grouping query) and
 * its earlier copies removed by the table's physical row order ({@link SqlDialect#arrivalOrder()}),
 * which in a table filled by this load alone is the order the rows arrived in.
 */
final class FullRefresh extends ModeStrategy {
    private static final String UNIQUE_VIOLATION = "23505";

    private final TableName replacement;

    FullRefresh(LoadSql sql, LoadSteps steps) {
        super(sql, steps);
        TableName table = sql.table();
        this.replacement = new TableName(table.schema(), "_toggl_sync_new_" + JdbcTarget.shortHash(table.table()));
    }

    @Override
    void prepare(TableSchema schema) throws SQLException {
        steps.exec("creating the replacement table", sql.createTable(replacement, schema.columns(), false));
    }

    @Override
    Optional<TableName> replacement() {
        return Optional.of(replacement);
    }

    @Override
    String landing() {
        return "replacement";
    }

    @Override
    String landingTable() {
        return sql.qualified(replacement);
    }

    /**
     * The new table, holding every row already, replaces the old one, all in one transaction; then
     * each key keeps only its last copy.
     */
    @Override
    void apply(List<Column> columns, Instant now) throws SQLException {
        steps.exec("dropping the previous table", sql.dropTableIfExists());
        steps.exec("renaming the replacement table into place", sql.renameIntoPlace(replacement));
        if (sql.key().isEmpty()) {
            return;
        }
        if (!sql.dialect().declaresPrimaryKey()) {
            if (steps.anyRow("looking for keys repeated within the load", sql.findRepeatedKeys())) {
                keepLastCopies();
            }
            return;
        }
        // Built after the rows are in: one index build is cheaper than maintaining it per row, and
        // it is also the check for repeated keys, which are rare (a retried page): only when it
        // fails are the earlier copies deleted and the key built again.
        Connection connection = steps.connection();
        Savepoint beforeKey = connection.setSavepoint();
        try {
            addPrimaryKey();
            connection.releaseSavepoint(beforeKey);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(beforeKey);
            keepLastCopies();
            addPrimaryKey();
        }
    }

    private void addPrimaryKey() throws SQLException {
        steps.exec("adding the primary key", sql.addPrimaryKey());
    }

    /** Deletes every row of the new table that a later row of the same key follows. */
    private void keepLastCopies() throws SQLException {
        steps.exec("removing earlier copies of keys repeated within the load",
                sql.deleteEarlierCopies(sql.qualified(sql.table()), sql.dialect().arrivalOrder()));
    }
}
