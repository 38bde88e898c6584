package dev.togglsync.target.postgres;

import dev.togglsync.schema.ColumnType;
import dev.togglsync.target.SqlDialect;
import java.sql.SQLException;
import java.util.Optional;

/** PostgreSQL's spelling of the shared load SQL. */
final class PostgresDialect implements SqlDialect {
    static final PostgresDialect INSTANCE = new PostgresDialect();

    private PostgresDialect() {}

    @Override
    public String typeName(ColumnType type) {
        return switch (type) {
            case BIGINT -> "BIGINT";
            case DOUBLE -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case TEXT -> "TEXT";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
            case DATE -> "DATE";
            case JSON -> "JSONB";
        };
    }

    @Override
    public String stagingTable() {
        // pg_temp names this session's own temporary schema, so a user table of the same name in
        // the search_path can never be picked instead.
        return "pg_temp.\"_toggl_sync_staging\"";
    }

    @Override
    public String stagingOptions() {
        return " ON COMMIT DROP";
    }

    /**
     * Temporary tables are never analyzed automatically; without statistics the planner may pick a
     * nested loop for the merge joins.
     */
    @Override
    public Optional<String> analyzeStaging() {
        return Optional.of("ANALYZE " + stagingTable());
    }

    /**
     * The tuple's physical place (page, slot). A table created by the load and filled by its COPYs
     * alone, with no update or delete, has its pages filled one after another: place = arrival.
     */
    @Override
    public String arrivalOrder() {
        return "ctid";
    }

    @Override
    public boolean declaresPrimaryKey() {
        return true;
    }

    @Override
    public String hint(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "28P01", "28000" -> "check the target connection's user and password";
            case "2BP01" -> "full-refresh replaces the table, and other objects (views) depend on it; use mode"
                    + " truncate, which keeps the table object, or drop the dependent objects";
            case "42501" -> "grant the target user the privileges it needs on this schema and table";
            case "3D000" -> "create the database first, or fix the database name of the target connection";
            default -> state.startsWith("08") ? "check that the PostgreSQL server is running and reachable" : null;
        };
    }
}
