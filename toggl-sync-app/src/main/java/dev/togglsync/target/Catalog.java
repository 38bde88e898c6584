package dev.togglsync.target;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Questions to the database's catalog, asked through {@code information_schema}, which PostgreSQL
 * and DuckDB both answer. {@code table_catalog = current_database()} keeps DuckDB's temporary
 * tables (catalog {@code temp}, schema {@code main}) from being taken for tables of {@code main}.
 */
final class Catalog {
    private Catalog() {}

    /** The table's column names in table order; empty when the table does not exist. */
    static List<String> columns(Connection c, TableName table) throws SQLException {
        return strings(c, "SELECT column_name FROM information_schema.columns"
                + " WHERE table_catalog = current_database() AND table_schema = ? AND table_name = ?"
                + " ORDER BY ordinal_position", table);
    }

    /** The connection's current schema, where unqualified names go; empty when no schema of the search path exists. */
    static Optional<String> currentSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT current_schema()")) {
            return Optional.ofNullable(r.next() ? r.getString(1) : null);
        }
    }

    /** Names of the table's PRIMARY KEY and UNIQUE constraints. */
    static List<String> keyConstraints(Connection c, TableName table) throws SQLException {
        return strings(c, "SELECT constraint_name FROM information_schema.table_constraints"
                + " WHERE table_catalog = current_database() AND table_schema = ? AND table_name = ?"
                + " AND constraint_type IN ('PRIMARY KEY', 'UNIQUE') ORDER BY constraint_name", table);
    }

    /** The first column of an information_schema query whose parameters are the table's schema and name. */
    private static List<String> strings(Connection c, String sql, TableName table) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, table.schema());
            p.setString(2, table.table());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    values.add(r.getString(1));
                }
            }
        }
        return values;
    }

    /**
     * Creates {@code schema} when missing, on a connection in auto-commit mode. It is committed at
     * once, outside any load: inside a load's transaction, a second run loading another table of the
     * same new schema would wait for the first run's whole load and then fail on the duplicate.
     * The existence check comes first because CREATE SCHEMA IF NOT EXISTS needs the right to create
     * schemas even when the schema is already there.
     */
    static void createSchemaIfMissing(Connection c, SqlDialect dialect, String schema) throws SQLException {
        if (schemaExists(c, schema)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + dialect.qualifiedSchema(schema));
        } catch (SQLException e) {
            // Another run created it between our check and our CREATE: what we wanted.
            if (!schemaExists(c, schema)) {
                throw e;
            }
        }
    }

    static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM information_schema.schemata"
                + " WHERE catalog_name = current_database() AND schema_name = ?")) {
            p.setString(1, schema);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }
}
