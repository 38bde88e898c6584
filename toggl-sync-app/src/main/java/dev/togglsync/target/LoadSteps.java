package dev.togglsync.target;

import dev.togglsync.TogglSyncException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs one load's statements on its connection and remembers the step under way, so that a failure
 * names what the load was doing ({@code <target>: <table>: adding the primary key: <database's message>})
 * and not only what the database said.
 */
final class LoadSteps {
    private static final System.Logger LOG = System.getLogger("dev.togglsync.target");

    private final Connection connection;
    private final TableName table;
    private final SqlDialect dialect;
    private final TargetFailure failure;
    private String doing = "starting the load";

    LoadSteps(Connection connection, TableName table, SqlDialect dialect, TargetFailure failure) {
        this.connection = connection;
        this.table = table;
        this.dialect = dialect;
        this.failure = failure;
    }

    Connection connection() {
        return connection;
    }

    TableName table() {
        return table;
    }

    /** Names the step that begins now, for a failure that happens in it. */
    void step(String what) {
        doing = what;
    }

    /** Runs one statement; {@code what} names the step in the error message if it fails. */
    void exec(String what, String sql) throws SQLException {
        doing = what;
        LOG.log(System.Logger.Level.DEBUG, () -> table + ": " + sql);
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** Whether {@code query} returns a row; {@code what} names the step as in {@link #exec}. */
    boolean anyRow(String what, String query) throws SQLException {
        doing = what;
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(query)) {
            return r.next();
        }
    }

    /** The failure of the current step, with the database's reason and this database's hint. */
    TogglSyncException failed(SQLException e) {
        return failure.of(table, doing, e, dialect.hint(e));
    }

    /** A load refused by toggl-sync itself: {@code <target>: <table>: <why>}. */
    TogglSyncException refused(String why) {
        return failure.plain(table + ": " + why);
    }

    /** A request that cannot be loaded (exit code INVALID_INPUT): {@code <target>: <table>: <why>}. */
    TogglSyncException invalid(String why) {
        return TogglSyncException.invalidInput(failure.target() + ": " + table + ": " + why);
    }

    /** Ends the connection's transaction without its work; must not throw. */
    void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // A lost connection has rolled back on the server side already.
            LOG.log(System.Logger.Level.DEBUG, "rollback of " + table + " failed", e);
        }
    }

    /** Closes the load's connection; must not throw. */
    void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the connection of " + table + " failed", e);
        }
    }
}
