package dev.togglsync.engine;

import dev.togglsync.config.Connection;
import dev.togglsync.config.ConnectionEntry;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.engine.Targets;
import dev.togglsync.target.Target;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/**
 * Opens a target to read or delete state only: for the state commands, the stored cursors a dry run
 * shows, and the demo's note on what changed since its last run.
 */
public final class StateTargets {
    private StateTargets() {}

    /**
     * The target, or empty for a DuckDB file that does not exist: opening it would create an empty
     * database file where the user perhaps mistyped a path, and it could hold no state anyway.
     */
    public static Optional<Target> openExisting(Connection c, Clock clock) {
        if (c instanceof DuckDbConnection d && !Files.exists(d.path())) {
            return Optional.empty();
        }
        return Optional.of(Targets.open(c, clock));
    }

    /** How messages name a target that was not opened. */
    public static String describe(Connection c) {
        return c instanceof DuckDbConnection d ? "duckdb://" + d.path() : ConnectionEntry.describe(c);
    }
}
