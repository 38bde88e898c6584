package dev.togglsync.report;

/**
 * Everything the report's SQL spells differently per database, and nothing else: the queries in
 * {@link ReportQueries} are written once against this. Both databases already agree on
 * {@code AT TIME ZONE}, {@code date_trunc}, {@code information_schema} and {@code current_database()};
 * a SQLite or file target adds a constant here and the compiler lists the switches to fill in.
 */
enum ReportDialect {
    DUCKDB,
    POSTGRES;

    /** Whole seconds since the epoch of a TIMESTAMPTZ expression, as BIGINT. */
    String epochSeconds(String expression) {
        return switch (this) {
            case DUCKDB -> "CAST(floor(epoch(" + expression + ")) AS BIGINT)";
            case POSTGRES -> "CAST(floor(extract(epoch FROM " + expression + ")) AS BIGINT)";
        };
    }

    /** The schema the targets keep {@code _toggl_sync_state} in (see the targets' STATE_SCHEMA). */
    String stateSchema() {
        return switch (this) {
            case DUCKDB -> "main";
            case POSTGRES -> "public";
        };
    }

    /** The name of the schema unqualified tables resolve to, for messages and the default. */
    String defaultSchema() {
        return stateSchema();
    }

    /** How messages name the database. */
    String label() {
        return switch (this) {
            case DUCKDB -> "DuckDB";
            case POSTGRES -> "PostgreSQL";
        };
    }
}
