package dev.togglsync.target.duckdb;

import dev.togglsync.schema.ColumnType;
import dev.togglsync.target.SqlDialect;

/** DuckDB's spelling of the shared load SQL, for one attached database file. */
public final class DuckDbDialect implements SqlDialect {
    private final String catalog;

    /** @param catalog the database's catalog name, which DuckDB derives from the file name */
    public DuckDbDialect(String catalog) {
        this.catalog = catalog;
    }

    /** The database's catalog name (unquoted), for the Appender, which takes names apart. */
    String catalog() {
        return catalog;
    }

    /**
     * Always {@code "catalog"."schema"}: DuckDB names a file's catalog after the file, so in the
     * default set-up ({@code toggl.duckdb} with objects {@code toggl.<stream>}) a two-part name
     * {@code toggl.items} is ambiguous between catalog toggl and schema toggl, and DuckDB refuses it.
     */
    @Override
    public String qualifiedSchema(String schema) {
        return quote(catalog) + "." + quote(schema);
    }

    @Override
    public String typeName(ColumnType type) {
        return switch (type) {
            case BIGINT -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case TEXT -> "VARCHAR";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
            case DATE -> "DATE";
            case JSON -> "JSON";
        };
    }

    @Override
    public String stagingTable() {
        // Temporary tables live in DuckDB's "temp" catalog, private to the connection.
        return "temp.main.\"_toggl_sync_staging\"";
    }

    /** Row ids number a table's rows in the order they were appended. */
    @Override
    public String arrivalOrder() {
        return "rowid";
    }

    /**
     * No PRIMARY KEY constraints: DuckDB keeps them in ART indexes that must fit in memory and
     * documents limitations for modifying indexed rows inside a transaction ("Indexes: Limitations
     * of ART Indexes"), exactly what the merge does. The merge itself keeps one row per key.
     */
    @Override
    public boolean declaresPrimaryKey() {
        return false;
    }
}
