package dev.togglsync.config;

import dev.togglsync.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One connection definition (a URL string or a map with a {@code type}) → a validated
 * {@link Connection}. A map may carry a {@code url} (as Sling allows); its own keys then override
 * the URL's parts.
 */
final class ConnectionParser {
    static final List<String> TYPES = List.of("api", "postgres", "duckdb", "sqlite", "file");
    static final List<String> POSTGRES_KEYS =
            List.of("type", "url", "host", "port", "user", "password", "database", "sslmode", "sslrootcert");
    static final List<String> DUCKDB_KEYS = List.of("type", "url", "instance");
    static final List<String> SQLITE_KEYS = List.of("type", "url", "instance");
    static final List<String> FILE_KEYS = List.of("type", "url");
    private static final String ANY_EXAMPLE = "{ type: api, spec: toggl-track, secrets: { api_token: xxx } } or "
            + DatabaseUrls.POSTGRES_EXAMPLE;

    private ConnectionParser() {}

    static Connection parse(String name, JsonNode definition, Where where, Environment env) {
        if (definition.isTextual()) {
            return fromUrl(name, definition.textValue(), where, env.workDir());
        }
        if (!definition.isObject()) {
            throw where.error("must be a database URL or a map with a type key, not " + Nodes.kind(definition)
                    + " (example: " + ANY_EXAMPLE + ")");
        }
        Optional<String> url = Nodes.field(definition, "url").map(n -> Nodes.text(n, where.key("url"), DatabaseUrls.POSTGRES_EXAMPLE));
        String type = Nodes.field(definition, "type")
                .map(n -> Nodes.text(n, where.key("type"), "type: postgres"))
                .or(() -> url.map(u -> DatabaseUrls.typeOf(u).orElse("postgres")))
                .orElseThrow(() -> where.key("type").error("required; use one of: " + String.join(", ", TYPES)
                        + " (example: " + ANY_EXAMPLE + ")"));
        switch (type) {
            case "api":
                if (url.isPresent()) {
                    throw where.key("url").error("not used by type api; remove it (the Toggl address is inputs.base_url)");
                }
                return TogglConnectionParser.parse(name, definition, where, env.clock());
            case "postgres":
                return postgres(name, definition, url, where);
            case "duckdb":
                return duckDb(name, definition, url, where, env.workDir());
            case "sqlite":
                return sqlite(name, definition, url, where, env.workDir());
            case "file":
                return file(name, definition, url, where, env.workDir());
            default:
                throw where.key("type").error("'" + type + "' is not supported" + Suggest.didYouMean(type, TYPES)
                        + "; use one of: " + String.join(", ", TYPES));
        }
    }

    /** A connection written as a URL alone: postgresql://, postgres://, duckdb://, sqlite:// or file://. */
    static Connection fromUrl(String name, String url, Where where, Path workDir) {
        if (DatabaseUrls.isPostgres(url)) {
            DatabaseUrls.PostgresParts p = DatabaseUrls.postgres(url, where);
            if (p.user() == null || p.user().isEmpty()) {
                throw where.error("'" + Masking.connection(url) + "' has no user; use " + DatabaseUrls.POSTGRES_EXAMPLE);
            }
            return new PostgresConnection(name, p.host(), p.port(), p.user(), p.password(), p.database(), p.sslmode(),
                    p.sslrootcert());
        }
        if (DatabaseUrls.isDuckDb(url)) {
            return new DuckDbConnection(name, DatabaseUrls.duckDb(url, where, workDir));
        }
        if (DatabaseUrls.isSqlite(url)) {
            return new SqliteConnection(name, DatabaseUrls.sqlite(url, where, workDir));
        }
        if (DatabaseUrls.isFile(url)) {
            return new FileConnection(name, DatabaseUrls.folder(url, where, workDir));
        }
        throw where.error("'" + Masking.connection(url) + "' is not a postgresql://, postgres://, duckdb://, sqlite:// or file://"
                + " URL (examples: " + DatabaseUrls.POSTGRES_EXAMPLE + ", " + DatabaseUrls.DUCKDB_EXAMPLE + ", "
                + DatabaseUrls.SQLITE_EXAMPLE + ", " + DatabaseUrls.FILE_EXAMPLE + ")");
    }

    private static PostgresConnection postgres(String name, JsonNode map, Optional<String> url, Where where) {
        Nodes.checkKeys(map, where, POSTGRES_KEYS);
        Optional<DatabaseUrls.PostgresParts> fromUrl = url.map(u -> {
            if (!DatabaseUrls.isPostgres(u)) {
                throw where.key("url").error("'" + Masking.connection(u) + "' is not a postgresql:// URL; use "
                        + DatabaseUrls.POSTGRES_EXAMPLE);
            }
            return DatabaseUrls.postgres(u, where.key("url"));
        });
        String host = text(map, "host", where, "host: db.example.com")
                .or(() -> fromUrl.map(DatabaseUrls.PostgresParts::host))
                .map(h -> DatabaseUrls.checkName(h, "host", where.key("host"), ""))
                .orElseThrow(() -> required(where, "host", "host: db.example.com"));
        int port = Nodes.field(map, "port")
                .map(n -> DatabaseUrls.port(Nodes.scalar(n, where.key("port"), "port: 5432"), where.key("port"), ""))
                .or(() -> fromUrl.map(DatabaseUrls.PostgresParts::port))
                .orElse(PostgresConnection.DEFAULT_PORT);
        String user = text(map, "user", where, "user: toggl")
                .or(() -> fromUrl.map(DatabaseUrls.PostgresParts::user))
                .orElseThrow(() -> required(where, "user", "user: toggl"));
        Secret password = Nodes.field(map, "password")
                .map(n -> {
                    if (!n.isTextual()) {
                        throw where.key("password").error("must be a string, not " + Nodes.kind(n) + "; quote it: password: \"...\"");
                    }
                    return Secret.of(n.textValue());
                })
                .or(() -> fromUrl.map(DatabaseUrls.PostgresParts::password))
                .orElse(null);
        String database = text(map, "database", where, "database: analytics")
                .or(() -> fromUrl.map(DatabaseUrls.PostgresParts::database))
                .map(d -> DatabaseUrls.checkName(d, "database", where.key("database"), ""))
                .orElseThrow(() -> required(where, "database", "database: analytics"));
        String sslmode = text(map, "sslmode", where, "sslmode: require")
                .map(s -> DatabaseUrls.sslMode(s, where.key("sslmode"), ""))
                .or(() -> fromUrl.map(DatabaseUrls.PostgresParts::sslmode))
                .orElse(null);
        String sslrootcert = text(map, "sslrootcert", where, "sslrootcert: /etc/ssl/db-ca.pem")
                .map(s -> DatabaseUrls.sslRootCert(s, where.key("sslrootcert"), ""))
                .or(() -> fromUrl.map(DatabaseUrls.PostgresParts::sslrootcert))
                .orElse(null);
        return new PostgresConnection(name, host, port, user, password, database, sslmode, sslrootcert);
    }

    private static DuckDbConnection duckDb(String name, JsonNode map, Optional<String> url, Where where, Path workDir) {
        Nodes.checkKeys(map, where, DUCKDB_KEYS);
        Optional<Path> instance = text(map, "instance", where, "instance: toggl.duckdb").map(p -> workDir.resolve(p).normalize());
        Optional<Path> fromUrl = url.map(u -> {
            if (!DatabaseUrls.isDuckDb(u)) {
                throw where.key("url").error("'" + Masking.connection(u) + "' is not a duckdb:// URL; use " + DatabaseUrls.DUCKDB_EXAMPLE);
            }
            return DatabaseUrls.duckDb(u, where.key("url"), workDir);
        });
        Path path = instance.or(() -> fromUrl)
                .orElseThrow(() -> where.key("instance").error("required; add instance: /data/toggl.duckdb (or a url: "
                        + DatabaseUrls.DUCKDB_EXAMPLE + ")"));
        return new DuckDbConnection(name, path);
    }

    private static SqliteConnection sqlite(String name, JsonNode map, Optional<String> url, Where where, Path workDir) {
        Nodes.checkKeys(map, where, SQLITE_KEYS);
        Optional<Path> instance = text(map, "instance", where, "instance: toggl.db").map(p -> workDir.resolve(p).normalize());
        Optional<Path> fromUrl = url.map(u -> {
            if (!DatabaseUrls.isSqlite(u)) {
                throw where.key("url").error("'" + Masking.connection(u) + "' is not a sqlite:// URL; use " + DatabaseUrls.SQLITE_EXAMPLE);
            }
            return DatabaseUrls.sqlite(u, where.key("url"), workDir);
        });
        Path path = instance.or(() -> fromUrl)
                .orElseThrow(() -> where.key("instance").error("required; add instance: /data/toggl.db (or a url: "
                        + DatabaseUrls.SQLITE_EXAMPLE + ")"));
        return new SqliteConnection(name, path);
    }

    private static FileConnection file(String name, JsonNode map, Optional<String> url, Where where, Path workDir) {
        Nodes.checkKeys(map, where, FILE_KEYS);
        String u = url.orElseThrow(() -> where.key("url").error("required; add url: " + DatabaseUrls.FILE_EXAMPLE));
        if (!DatabaseUrls.isFile(u)) {
            throw where.key("url").error("'" + Masking.connection(u) + "' is not a file:// URL; use " + DatabaseUrls.FILE_EXAMPLE);
        }
        return new FileConnection(name, DatabaseUrls.folder(u, where.key("url"), workDir));
    }

    private static Optional<String> text(JsonNode map, String key, Where where, String example) {
        return Nodes.field(map, key).map(n -> Nodes.text(n, where.key(key), example)).filter(s -> !s.isEmpty());
    }

    private static dev.togglsync.TogglSyncException required(Where where, String key, String example) {
        return where.key(key).error("required; add " + example + " (or a url: " + DatabaseUrls.POSTGRES_EXAMPLE + ")");
    }
}
