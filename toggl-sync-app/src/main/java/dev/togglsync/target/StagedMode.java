package dev.togglsync.target;

import dev.togglsync.schema.Column;
import dev.togglsync.schema.TableSchema;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The modes that stage rows in a temporary table with one extra leading column,
 * {@value BulkWriter#SEQ}, the row's arrival number, and merge from it at commit. Before the merge,
 * the earlier copies of a key repeated within the load (a retried page, overlapping time windows)
 * are deleted, so the last one read wins and no mode can write a key twice.
 */
abstract sealed class StagedMode extends ModeStrategy permits Truncate, Incremental, Snapshot {
    StagedMode(LoadSql sql, LoadSteps steps) {
        super(sql, steps);
    }

    @Override
    void prepare(TableSchema schema) throws SQLException {
        steps.exec("creating the staging table", sql.createStaging(schema.columns()));
    }

    @Override
    final Optional<TableName> replacement() {
        return Optional.empty();
    }

    @Override
    final String landing() {
        return "staging";
    }

    @Override
    final String landingTable() {
        return sql.staging();
    }

    @Override
    final void apply(List<Column> columns, Instant now) throws SQLException {
        steps.step("preparing the merge");
        Optional<String> analyze = sql.dialect().analyzeStaging();
        if (analyze.isPresent()) {
            steps.exec("analyzing the staging table", analyze.get());
        }
        if (!sql.key().isEmpty()) {
            steps.exec("removing earlier copies of keys repeated within the load",
                    sql.deleteEarlierCopies(sql.staging(), sql.quote(BulkWriter.SEQ)));
        }
        steps.step("reading the table's columns");
        merge(Catalog.columns(steps.connection(), sql.table()), columns, now);
    }

    /**
     * Puts the staged rows, one per key, into the table.
     *
     * @param existing the table's columns; empty when the table does not exist yet
     */
    abstract void merge(List<String> existing, List<Column> columns, Instant now) throws SQLException;

    /**
     * Creates the table when missing, with the merge key as PRIMARY KEY when {@code keyed} and the
     * database declares keys; adds columns the existing table lacks (nullable).
     */
    final void ensureTable(List<String> existing, List<Column> columns, boolean keyed) throws SQLException {
        if (existing.isEmpty()) {
            boolean withKey = keyed && sql.dialect().declaresPrimaryKey() && !sql.key().isEmpty();
            steps.exec("creating the table", sql.createTable(sql.table(), columns, withKey));
            return;
        }
        Set<String> present = new HashSet<>(existing);
        for (Column c : columns) {
            if (!present.contains(c.name())) {
                steps.exec("adding column " + c.name(), sql.addColumn(sql.qualified(sql.table()), c));
            }
        }
    }
}
