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
