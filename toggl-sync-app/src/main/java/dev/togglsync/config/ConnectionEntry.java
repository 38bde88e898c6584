package dev.togglsync.config;

import dev.togglsync.TogglSyncException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One named connection as {@code conns list} shows it: where it was defined, and either the
 * validated connection or the one-line reason it is invalid.
 *
 * @param origin env.yaml, .env.sling, env var (or "env var TOGGL_API_TOKEN", "env.yaml + TOGGL_API_TOKEN")
 * @param type api, postgres, duckdb as written; "?" when unreadable
 * @param problem the configuration error, present exactly when {@code connection} is empty
 */
public record ConnectionEntry(String name, String origin, String type, Optional<Connection> connection,
        Optional<String> problem) {

    /** The connection, or its configuration error (exit code 2). */
    public Connection require() {
        return connection.orElseThrow(() -> TogglSyncException.invalidInput(problem.orElseThrow()));
    }

    public boolean valid() {
        return connection.isPresent();
    }

    /** Where to go to change it, for messages: "environment variable MY_PG", ".env.sling", "env.yaml". */
    public String definedBy() {
        if (origin.equals(ConnectionSources.ENV_VAR)) {
            return "environment variable " + name;
        }
        return origin.replace(ConnectionSources.ENV_VAR + " ", "environment variable ")
                .replace("+ " + Environment.API_TOKEN_VARIABLE, "+ " + Environment.API_TOKEN_VARIABLE + " (token)");
    }

    /** A one-line description safe to print: never a token or a password. */
    public String description() {
        return connection.map(ConnectionEntry::describe).orElseGet(() -> "INVALID: " + problem.orElseThrow());
    }

    /** A one-line description of a connection safe to print: never a token or a password. */
    public static String describe(Connection connection) {
        if (connection instanceof TogglConnection t) {
            List<String> parts = new ArrayList<>();
            parts.add(TogglConnectionParser.SPEC);
            parts.add("token " + t.apiToken());
            parts.add(t.baseUrl().toString());
            if (t.rate() != TogglConnection.DEFAULT_RATE) {
                parts.add("rate " + (t.rate() == Math.rint(t.rate()) ? String.valueOf((long) t.rate()) : String.valueOf(t.rate())) + "/s");
            }
            if (!t.maxQuotaWait().equals(TogglConnection.DEFAULT_MAX_QUOTA_WAIT)) {
                parts.add("max_quota_wait " + t.maxQuotaWait().toSeconds() + "s");
            }
            t.anchorDate().ifPresent(a -> parts.add("anchor_date " + (a.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0
                    ? a.atOffset(ZoneOffset.UTC).toLocalDate().toString() : a.toString())));
            if (!t.workspaceIds().isEmpty()) {
                parts.add("workspace_ids " + t.workspaceIds().stream().map(String::valueOf).collect(Collectors.joining(",")));
            }
            return String.join(", ", parts);
        }
        if (connection instanceof PostgresConnection p) {
            return p.masked() + "?sslmode=" + p.effectiveSslMode() + (p.sslmode() == null ? " (default)" : "")
                    + (p.sslrootcert() == null ? "" : "&sslrootcert=" + p.sslrootcert());
        }
        if (connection instanceof DuckDbConnection d) {
            return d.path().toString();
        }
        if (connection instanceof SqliteConnection s) {
            return "sqlite://" + s.path();
        }
        if (connection instanceof FileConnection f) {
            return "file://" + f.folder() + "/";
        }
        throw new IllegalStateException("unknown connection kind " + connection.type());
    }
}
