package dev.togglsync.cli;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.DuckDbConnection;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The target of a state command: a connection name or a database URL, given as the first
 * parameter (as in {@code toggl-sync state show MY_POSTGRES}) or as {@code --target} (DESIGN.md §6
 * spells it so); the default is {@value DuckDbConnection#DEFAULT_URL}.
 */
final class TargetOption {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET",
            description = "a connection name or database URL (default: " + DuckDbConnection.DEFAULT_URL + ")")
    String positional;

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", description = "the same as the TARGET parameter")
    String option;

    /** The target as written, or null for the default. */
    String value() {
        if (positional != null && option != null && !positional.equals(option)) {
            // Not echoed: a URL may hold a password.
            throw TogglSyncException.invalidInput("the target is given both as TARGET and as --target, differently; give one");
        }
        return positional != null ? positional : option;
    }
}
