package dev.togglsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.togglsync.TogglSyncException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Every connection the environment defines (DESIGN.md §2), each validated once at load. An invalid
 * connection fails only the command that uses it (or is shown as invalid by {@code conns list}), so
 * a broken entry for one database does not block a run into another.
 */
public final class Connections {
    private static final Logger LOG = Logger.getLogger(Connections.class.getName());
    private static final String SOURCE_FIX = "set TOGGL_API_TOKEN, or run: toggl-sync conns set TOGGL_TRACK type=api "
            + "spec=toggl-track secrets='{ api_token: <your token> }'";
    private static final String TARGET_FIX = "define it with: toggl-sync conns set NAME url="
            + DatabaseUrls.POSTGRES_EXAMPLE + " (or use a URL directly)";

    private final Environment environment;
    private final Map<String, ConnectionEntry> entries;

    private Connections(Environment environment, Map<String, ConnectionEntry> entries) {
        this.environment = environment;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Reads env.yaml, .env.sling and the environment. Throws only when a file cannot be read or parsed. */
    public static Connections load(Environment environment) {
        Map<String, ConnectionEntry> entries = new TreeMap<>();
        for (RawConnection raw : ConnectionSources.find(environment).values()) {
            ConnectionEntry entry = validate(raw, environment);
            entries.put(entry.name(), entry);
            LOG.fine(() -> "connection " + entry.name() + " (" + entry.type() + ") from " + entry.origin() + ": "
                    + entry.description());
        }
        return new Connections(environment, entries);
    }

    /** All connections, sorted by name. */
    public List<ConnectionEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    public Optional<ConnectionEntry> entry(String name) {
        return Optional.ofNullable(entries.get(name.toUpperCase(Locale.ROOT)));
    }

    /** The named connection; {@code where} says where the name was written, for the message. */
    public Connection get(String name, String where) {
        return entry(name).map(ConnectionEntry::require).orElseThrow(() -> unknown(name, where,
                name.equalsIgnoreCase(ConnectionSources.IMPLICIT_SOURCE) ? SOURCE_FIX : TARGET_FIX));
    }

    /** The Toggl source connection named {@code name} (e.g. TOGGL_TRACK). */
    public TogglConnection source(String name, String where) {
        if (name.contains("://")) {
            throw TogglSyncException.invalidInput(where + ": '" + Masking.connection(name)
                    + "' is a URL; the source must name a Toggl connection (example: TOGGL_TRACK)");
        }
        Connection c = entry(name).map(ConnectionEntry::require).orElseThrow(() -> unknown(name, where, SOURCE_FIX));
        if (c instanceof TogglConnection t) {
            return t;
        }
        throw TogglSyncException.invalidInput(where + ": " + c.name() + " is a " + c.type()
                + " connection, not the Toggl source; name a connection of type api (example: TOGGL_TRACK)");
    }

    /**
     * The target: a connection name or a database URL; null or blank means the default
     * {@value DuckDbConnection#DEFAULT_URL}. An inline URL's connection is named by the URL, masked.
     */
    public Connection target(String nameOrUrl, String where) {
        String value = nameOrUrl == null || nameOrUrl.isBlank() ? DuckDbConnection.DEFAULT_URL : nameOrUrl.strip();
        Connection c = value.contains("://")
                ? ConnectionParser.fromUrl(Masking.connection(value), value, Where.of(where), environment.workDir())
                : entry(value).map(ConnectionEntry::require).orElseThrow(() -> unknown(value, where, TARGET_FIX));
        if (c instanceof TogglConnection) {
            throw TogglSyncException.invalidInput(where + ": " + c.name()
                    + " is the Toggl source, not a database; name a postgres, duckdb, sqlite or file connection or URL (example: "
                    + DuckDbConnection.DEFAULT_URL + ")");
        }
        return c;
    }

    private TogglSyncException unknown(String name, String where, String fix) {
        String upper = Masking.connection(name).toUpperCase(Locale.ROOT);
        String defined = entries.isEmpty() ? "none" : String.join(", ", entries.keySet());
        return TogglSyncException.invalidInput(where + ": no connection named " + upper
                + Suggest.didYouMean(upper, entries.keySet()) + " (defined: " + defined + "); " + fix);
    }

    static ConnectionEntry validate(RawConnection raw, Environment environment) {
        String type = raw.definition().map(Connections::writtenType).orElse("?");
        if (raw.unreadable().isPresent()) {
            return new ConnectionEntry(raw.name(), raw.origin(), type, Optional.empty(),
                    Optional.of(raw.unreadable().get().getMessage()));
        }
        try {
            JsonNode definition = raw.origin().startsWith(DotEnvFile.FILE_NAME)
                    ? References.refuse(raw.definition().orElseThrow(), raw.where())
                    : References.resolve(raw.definition().orElseThrow(), raw.where(), environment.variables());
            Connection c = ConnectionParser.parse(raw.name(), definition, raw.where(), environment);
            return new ConnectionEntry(raw.name(), raw.origin(), c.type(), Optional.of(c), Optional.empty());
        } catch (TogglSyncException invalid) {
            return new ConnectionEntry(raw.name(), raw.origin(), type, Optional.empty(), Optional.of(invalid.getMessage()));
        }
    }

    private static String writtenType(JsonNode definition) {
        if (definition.isTextual()) {
            return DatabaseUrls.typeOf(definition.textValue()).orElse("?");
        }
        return definition.path("type").isTextual() ? definition.path("type").textValue() : "?";
    }
}
