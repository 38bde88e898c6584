package dev.togglsync.testing;

import dev.togglsync.config.Connection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Every table of a target as one canonical text: tables in name order, each with its columns and
 * types and its rows sorted, state table included. Two dumps of the same target are equal exactly
 * when no table, column, row or state value changed, which is how tests prove that a refused input
 * left the target alone.
 */
public final class TableDump {
    private TableDump() {}

    /** The dump of {@code target}; an empty target (or a DuckDB file not yet created) dumps as "". */
    public static String of(Connection target) throws SQLException {
        if (target instanceof dev.togglsync.config.DuckDbConnection d && !java.nio.file.Files.exists(d.path())
                || target instanceof dev.togglsync.config.SqliteConnection s && !java.nio.file.Files.exists(s.path())) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try (java.sql.Connection db = TestTargets.open(target)) {
            boolean sqlite = target instanceof dev.togglsync.config.SqliteConnection;
            for (String[] table : sqlite ? sqliteTables(db) : tables(db)) {
                dumpTable(db, table[0], table[1], table[2], out);
            }
        }
        return out.toString();
    }

    /** The dump split per table: "schema.table" → its header and rows. */
    public static java.util.Map<String, String> tables(String dump) {
        java.util.Map<String, String> tables = new java.util.TreeMap<>();
        for (String section : dump.split("(?m)^(?=== )")) {
            if (!section.isEmpty()) {
                tables.put(section.substring(3, section.indexOf(" (", 3)), section);
            }
        }
        return tables;
    }

    /** SHA-256 of the dump, for messages. */
    public static String checksum(String dump) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(dump.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SQLite has no information_schema; its one schema is main. */
    private static List<String[]> sqliteTables(java.sql.Connection db) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT name FROM sqlite_master"
                + " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            while (r.next()) {
                tables.add(new String[] {null, "main", r.getString(1)});
            }
        }
        return tables;
    }

    private static List<String[]> tables(java.sql.Connection db) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        // current_database() keeps DuckDB's temp catalog out; the system schemas are PostgreSQL's.
        try (PreparedStatement p = db.prepareStatement("SELECT table_catalog, table_schema, table_name FROM information_schema.tables"
                + " WHERE table_catalog = current_database() AND table_type = 'BASE TABLE'"
                + " AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 2, 3");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                tables.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
            }
        }
        return tables;
    }

    private static void dumpTable(java.sql.Connection db, String catalog, String schema, String table,
            StringBuilder out) throws SQLException {
        // Three parts: in DuckDB a schema may share its name with the file's catalog.
        String qualified = (catalog == null ? "" : quote(catalog) + ".") + quote(schema) + "." + quote(table);
        List<String> rows = new ArrayList<>();
        StringBuilder header = new StringBuilder("== ").append(schema).append('.').append(table).append(" (");
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + qualified)) {
            ResultSetMetaData meta = r.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                header.append(i == 1 ? "" : ", ").append(meta.getColumnName(i)).append(' ')
                        .append(meta.getColumnTypeName(i));
            }
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String v = r.getString(i);
                    row.append(i == 1 ? "" : "\t").append(v == null ? "\\N" : v.replace("\n", "\\n"));
                }
                rows.add(row.toString());
            }
        }
        Collections.sort(rows);
        out.append(header).append(") ").append(rows.size()).append(" rows\n");
        rows.forEach(r -> out.append(r).append('\n'));
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
