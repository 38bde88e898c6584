package dev.togglsync.target;

import dev.togglsync.config.Mode;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.TableSchema;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link Mode} does with a load's rows: where they land while they arrive (the landing
 * table the {@link BulkWriter} fills), and how they are put in place at commit, inside the load's
 * one transaction. Full-refresh writes straight into a new table that replaces the old one
 * ({@link FullRefresh}); the other modes stage rows in a temporary table and merge from it
 * ({@link StagedMode}).
 */
abstract sealed class ModeStrategy permits FullRefresh, StagedMode {
    protected final LoadSql sql;
    protected final LoadSteps steps;

    ModeStrategy(LoadSql sql, LoadSteps steps) {
        this.sql = sql;
        this.steps = steps;
    }

    /** The strategy of {@code mode}; a new mode breaks the build here until it has one. */
    static ModeStrategy of(Mode mode, LoadSql sql, LoadSteps steps) {
        return switch (mode) {
            case FULL_REFRESH -> new FullRefresh(sql, steps);
            case TRUNCATE -> new Truncate(sql, steps);
            case INCREMENTAL -> new Incremental(sql, steps);
            case SNAPSHOT -> new Snapshot(sql, steps);
        };
    }

    /** Checks the existing table where the mode needs to and creates the landing table; before the first row. */
    abstract void prepare(TableSchema schema) throws SQLException;

    /** The table the bulk writer fills: the replacement table, or empty for the staging table. */
    abstract Optional<TableName> replacement();

    /** The landing table as messages name it: "replacement" or "staging". */
    abstract String landing();

    /** The landing table's qualified name in SQL. */
    abstract String landingTable();

    /** Adds a column that arrived mid-load to the landing table. */
    final void addColumn(Column column) throws SQLException {
        steps.exec("adding column " + column.name() + " to the " + landing() + " table",
                sql.addColumn(landingTable(), column));
    }

    /**
     * Puts the landed rows in place, keeping only the last copy of a key repeated within the load;
     * runs after the writer has finished and before the state row is written.
     *
     * @param columns the columns loaded (the declared schema plus any that arrived mid-load)
     * @param now the load's commit time
     */
    abstract void apply(List<Column> columns, Instant now) throws SQLException;
}
