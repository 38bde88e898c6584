package dev.togglsync.engine;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Connection;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.target.Target;
import dev.togglsync.target.duckdb.DuckDbTarget;
import dev.togglsync.target.postgres.PostgresTarget;
import java.time.Clock;

/**
 * Opens the target implementation for a database connection. It sits here, above the database
 * packages, so that {@code target} (the interface and the shared JDBC base) never imports the
 * databases built on it and the dependency runs one way: {@code target.duckdb} and
 * {@code target.postgres} import {@code target}, never the reverse.
 */
public final class Targets {
    private Targets() {}

    /** @param clock the run's clock: gives the commit time stored in state rows and snapshot rows */
    public static Target open(Connection connection, Clock clock) {
        if (connection instanceof DuckDbConnection duck) {
            return new DuckDbTarget(duck, clock);
        }
        if (connection instanceof PostgresConnection pg) {
            return new PostgresTarget(pg, PostgresTarget.DEFAULT_LOCK_TIMEOUT, clock);
        }
        throw TogglSyncException.invalidInput(connection.name() + " is a " + connection.type()
                + " connection, not a database target; name a postgres or duckdb connection");
    }
}
