package dev.togglsync.target;

import dev.togglsync.Printable;
import dev.togglsync.TogglSyncException;
import dev.togglsync.Secret;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Turns a database failure into the one-line {@link TogglSyncException} every target throws:
 * {@code <target>: <table>: <what we were doing>: <the database's message>[; <how to fix>]}.
 * The target is always the masked form, and the password is scrubbed from the database's text
 * as well, in case a server or driver ever echoes it.
 */
public final class TargetFailure {
    private final String target;
    private final Optional<Secret> password;

    public TargetFailure(String target, Optional<Secret> password) {
        this.target = target;
        this.password = password;
    }

    /** A failure while working on {@code table}. */
    public TogglSyncException of(TableName table, String doing, SQLException e, String hint) {
        return build(target + ": " + table + ": " + doing + ": " + databaseMessage(e, hint), hint, e);
    }

    /** A failure not tied to one table (connecting, the state table). */
    public TogglSyncException of(String doing, SQLException e, String hint) {
        return build(target + ": " + doing + ": " + databaseMessage(e, hint), hint, e);
    }

    /** A failure detected by toggl-sync itself. */
    public TogglSyncException plain(String message) {
        return TogglSyncException.target(target + ": " + message, null);
    }

    public String target() {
        return target;
    }

    private TogglSyncException build(String message, String hint, SQLException cause) {
        String full = hint == null || hint.isEmpty() ? message : message + "; " + hint;
        // The cause stays attached for -d stack traces; its own message went through scrub() too,
        // but the chained exception object is the driver's and is never printed without -d.
        return TogglSyncException.target(Printable.of(scrub(full)), cause);
    }

    /** The database's message on one line, without the secret. */
    public String databaseMessage(SQLException e) {
        return databaseMessage(e, null);
    }

    /**
     * The database's message on one line. When toggl-sync has its own hint, the database's hint
     * line goes: it speaks of SQL the user never wrote (PostgreSQL: "Use DROP ... CASCADE").
     */
    private String databaseMessage(SQLException e, String ownHint) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        StringBuilder line = new StringBuilder();
        for (String part : text.strip().split("\\R")) {
            String trimmed = part.strip();
            if (trimmed.isEmpty() || (ownHint != null && trimmed.startsWith("Hint:"))) {
                continue;
            }
            line.append(line.length() == 0 ? "" : " ").append(trimmed);
        }
        return scrub(line.toString());
    }

    private String scrub(String text) {
        if (password.isEmpty() || password.get().isEmpty()) {
            return text;
        }
        return text.replace(password.get().reveal(), "****");
    }
}
