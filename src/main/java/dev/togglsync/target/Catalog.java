package dev.togglsync.target;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Questions to the database's catalog, asked through {@code information_schema}, which PostgreSQL
 * and DuckDB both answer. {@code table_catalog = current_database()} keeps DuckDB's temporary
 * tables (catalog {@code temp}, schema {@code main}) from being taken for tables of {@code main}.
 */
public final class Catalog {
    private Catalog() {}

    /** The table's column names in table order; empty when the table does not exist. */
    public static List<String> columns(Connection c, TableName table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_catalog = current_database() AND table_schema = ? AND table_name = ?"
                + " ORDER BY ordinal_position")) {
            p.setString(1, table.schema());
            p.setString(2, table.table());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
        }
        return names;
    }

    public static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM information_schema.schemata"
                + " WHERE catalog_name = current_database() AND schema_name = ?")) {
            p.setString(1, schema);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }
}
