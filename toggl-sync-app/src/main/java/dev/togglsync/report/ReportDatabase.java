package dev.togglsync.report;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Connection;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.PostgresConnection;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a target for reading only. The report never writes: a DuckDB file is opened read-only
 * (and never created), a PostgreSQL session is set read-only, so a report can run beside the
 * target's other readers without ever changing it.
 */
record ReportDatabase(ReportDialect dialect, java.sql.Connection connection, String describe) implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    static ReportDatabase open(Connection target) {
        // Java 17 has no pattern switch; the Connection type is sealed, so this chain is complete.
        if (target instanceof DuckDbConnection d) {
            return duckdb(d);
        }
        if (target instanceof PostgresConnection pg) {
            return postgres(pg);
        }
        throw TogglSyncException.invalidInput(target.name()
                + " is the Toggl source connection, not a target: name the database the run wrote to"
                + " (a connection name or a duckdb:// or postgresql:// URL)");
    }

    private static ReportDatabase duckdb(DuckDbConnection d) {
        String describe = "duckdb://" + d.path();
        if (!Files.isRegularFile(d.path())) {
            throw TogglSyncException.invalidInput(describe + ": no such file; run `toggl-sync run` (or `demo`) first,"
                    + " or name the file it wrote");
        }
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        try {
            return new ReportDatabase(ReportDialect.DUCKDB,
                    DriverManager.getConnection("jdbc:duckdb:" + d.path().toAbsolutePath(), props), describe);
        } catch (SQLException e) {
            throw TogglSyncException.target(describe + ": cannot open the file for reading: " + oneLine(e)
                    + " (a running sync holds it locked; report when it has finished)", e);
        }
    }

    private static ReportDatabase postgres(PostgresConnection pg) {
        Properties props = new Properties();
        props.setProperty("user", pg.user());
        if (pg.password() != null) {
            props.setProperty("password", pg.password().reveal());
        }
        props.setProperty("ApplicationName", "toggl-sync report");
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("readOnly", "true");
        try {
            java.sql.Connection c = DriverManager.getConnection(pg.jdbcUrl(), props);
            c.setReadOnly(true);
            return new ReportDatabase(ReportDialect.POSTGRES, c, pg.masked());
        } catch (SQLException e) {
            throw TogglSyncException.target(pg.masked() + ": cannot connect: " + oneLine(e)
                    + "; check host, port, user and password (`toggl-sync conns test " + pg.name() + "`)", e);
        }
    }

    static String oneLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing was written; a failed close of a read-only session loses nothing.
        }
    }
}
