package dev.togglsync.target;

import dev.togglsync.schema.ColumnType;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What one SQL database spells differently. The load SQL ({@link LoadSql}), the state table and the
 * write check are written once against this; each database overrides only what differs.
 */
public interface SqlDialect {
    /**
     * The declared column type for {@code type}. Implementations are one exhaustive {@code switch}
     * with no {@code default}, so a new {@link ColumnType} breaks the build until every target maps it.
     */
    String typeName(ColumnType type);

    /** The qualified name of this connection's staging table (each load has its own connection). */
    String stagingTable();

    /** Appended to the staging table's CREATE TEMPORARY TABLE statement. */
    default String stagingOptions() {
        return "";
    }

    /**
     * A statement to run after every row is staged and before the merge reads the staging table
     * (not in full-refresh, which stages nothing); empty when the database needs none.
     */
    default Optional<String> analyzeStaging() {
        return Optional.empty();
    }

    /**
     * A statement that indexes the staging table on the merge key ({@code quotedKey}: the key's
     * columns, quoted, comma-separated) before the merge looks rows up by it; empty when the
     * database's planner finds its own way (PostgreSQL hashes, DuckDB joins by hash).
     */
    default Optional<String> indexStaging(String quotedKey) {
        return Optional.empty();
    }

    /** How to fix a failure this database reported, or null when the message says enough. */
    default String hint(SQLException e) {
        return null;
    }

    /**
     * A pseudo-column ordering a table's rows as they were physically written ({@code ctid},
     * {@code rowid}); in a table that one load created and filled, that is the rows' arrival order.
     */
    String arrivalOrder();

    /** Whether tables this target creates carry a PRIMARY KEY constraint on the merge key. */
    boolean declaresPrimaryKey();

    /**
     * The statement that gives an existing table a PRIMARY KEY on {@code quotedKey} (the key's
     * columns, quoted, comma-separated), used by full-refresh after the rows are in.
     */
    default String addPrimaryKey(TableName table, String quotedKey) {
        return "ALTER TABLE " + qualified(table) + " ADD PRIMARY KEY (" + quotedKey + ")";
    }

    /** Whether {@code e} says a key was found twice while building the key of {@link #addPrimaryKey}. */
    default boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /**
     * A query for a table's column names in table order, with the table's schema and name as its
     * parameters 1 and 2. {@code table_catalog = current_database()} keeps DuckDB's temporary
     * tables (catalog {@code temp}, schema {@code main}) from being taken for tables of {@code main}.
     */
    default String columnsQuery() {
        return "SELECT column_name FROM information_schema.columns"
                + " WHERE table_catalog = current_database() AND table_schema = ? AND table_name = ?"
                + " ORDER BY ordinal_position";
    }

    /** A query for the names of a table's PRIMARY KEY and UNIQUE constraints; parameters as {@link #columnsQuery}. */
    default String keyConstraintsQuery() {
        return "SELECT constraint_name FROM information_schema.table_constraints"
                + " WHERE table_catalog = current_database() AND table_schema = ? AND table_name = ?"
                + " AND constraint_type IN ('PRIMARY KEY', 'UNIQUE') ORDER BY constraint_name";
    }

    /** A query returning the connection's current schema, where unqualified names go (null when none). */
    default String currentSchemaQuery() {
        return "SELECT current_schema()";
    }

    /** A query returning a row when the schema named by its one parameter exists. */
    default String schemaExistsQuery() {
        return "SELECT 1 FROM information_schema.schemata WHERE catalog_name = current_database() AND schema_name = ?";
    }

    /** A quoted identifier: any character, quotes included, stays inside the name. */
    default String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A schema name as written in CREATE SCHEMA and in qualified table names. */
    default String qualifiedSchema(String schema) {
        return quote(schema);
    }

    /** {@code "schema"."table"}; the schema must already be resolved (not empty). */
    default String qualified(TableName table) {
        return qualifiedSchema(table.schema()) + "." + quote(table.table());
    }
}
