package dev.togglsync.testing;

import dev.togglsync.config.Connection;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.config.SqliteConnection;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The real databases the end-to-end tests run against. */
public enum TestTargets {
    DUCKDB,
    POSTGRES,
    SQLITE;

    /** A fresh, empty target: a new DuckDB file under {@code dir}, or a new PostgreSQL database. */
    public Connection fresh(Path dir) {
        return switch (this) {
            // Not "toggl.duckdb": its catalog name would clash with the examples' schema "toggl".
            case DUCKDB -> new DuckDbConnection("SYNC", dir.resolve("sync.duckdb"));
            case POSTGRES -> PostgresServer.shared().newDatabase();
            case SQLITE -> new SqliteConnection("SYNC", dir.resolve("sync.db"));
        };
    }

    public static java.sql.Connection open(Connection target) throws SQLException {
        if (target instanceof DuckDbConnection d) {
            return DriverManager.getConnection("jdbc:duckdb:" + d.path());
        }
        if (target instanceof SqliteConnection s) {
            return DriverManager.getConnection("jdbc:sqlite:" + s.path());
        }
        return PostgresServer.open((PostgresConnection) target);
    }

    /** The connection as a command-line target: a DuckDB or PostgreSQL URL (with the password). */
    public static String url(Connection target) {
        if (target instanceof DuckDbConnection d) {
            return "duckdb://" + d.path().toAbsolutePath();
        }
        if (target instanceof SqliteConnection s) {
            return "sqlite://" + s.path().toAbsolutePath();
        }
        PostgresConnection pg = (PostgresConnection) target;
        return "postgresql://" + pg.user() + ":" + pg.password().reveal() + "@" + pg.host() + ":" + pg.port() + "/"
                + pg.database() + "?sslmode=disable";
    }

    /**
     * DuckDB's {@code columns = {...}} argument of {@code read_json}/{@code read_csv} for a declared
     * schema: the tests' own spelling of the declared types, not the product's (it is the oracle).
     */
    public static String duckDbColumns(TableSchema schema) {
        return schema.columns().stream().map(c -> "'" + c.name() + "': '" + DUCKDB.typeName(c.type()) + "'")
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }

    /** The type name information_schema reports for a declared column type. */
    public String typeName(ColumnType type) {
        return switch (this) {
            case DUCKDB -> switch (type) {
                case BIGINT -> "BIGINT";
                case DOUBLE -> "DOUBLE";
                case BOOLEAN -> "BOOLEAN";
                case TEXT -> "VARCHAR";
                case TIMESTAMPTZ -> "TIMESTAMP WITH TIME ZONE";
                case DATE -> "DATE";
                case JSON -> "JSON";
            };
            case POSTGRES -> switch (type) {
                case BIGINT -> "bigint";
                case DOUBLE -> "double precision";
                case BOOLEAN -> "boolean";
                case TEXT -> "text";
                case TIMESTAMPTZ -> "timestamp with time zone";
                case DATE -> "date";
                case JSON -> "jsonb";
            };
            case SQLITE -> switch (type) {
                case BIGINT, BOOLEAN -> "INTEGER";
                case DOUBLE -> "REAL";
                case TEXT, TIMESTAMPTZ, DATE, JSON -> "TEXT";
            };
        };
    }

    /**
     * How SQL names the table of object {@code schema.table} in {@code target}: SQLite has one
     * schema and names it {@code schema_table} (SqliteTarget).
     */
    public static String table(Connection target, String schema, String table) {
        if (target instanceof SqliteConnection) {
            return '"' + (schema + "_" + table).replace("\"", "\"\"") + '"';
        }
        return schema + "." + table;
    }
}
