package dev.togglsync.target;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Connection;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.target.duckdb.DuckDbTarget;
import dev.togglsync.target.postgres.PostgresTarget;

/** Opens the target implementation for a database connection. */
public final class Targets {
    private Targets() {}

    public static Target open(Connection connection) {
        if (connection instanceof DuckDbConnection duck) {
            return new DuckDbTarget(duck);
        }
        if (connection instanceof PostgresConnection pg) {
            return new PostgresTarget(pg);
        }
        throw TogglSyncException.invalidInput(connection.name() + " is a " + connection.type()
                + " connection, not a database target; name a postgres or duckdb connection");
    }
}
