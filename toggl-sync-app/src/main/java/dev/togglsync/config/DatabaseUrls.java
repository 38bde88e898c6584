package dev.togglsync.config;

import dev.togglsync.Printable;
import dev.togglsync.Secret;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The database URL forms of DESIGN.md §2, parsed by hand rather than with {@link java.net.URI}:
 * a password may hold characters URI rejects, and URI's exception message would quote the whole
 * URL, password included. Messages show URLs only through {@link Masking#connection}.
 */
final class DatabaseUrls {
    static final List<String> POSTGRES_SCHEMES = List.of("postgresql://", "postgres://");
    static final String DUCKDB_SCHEME = "duckdb://";
    static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    static final String POSTGRES_EXAMPLE = "postgresql://user:password@host:5432/database?sslmode=disable";
    static final String DUCKDB_EXAMPLE = "duckdb:///abs/path/file.duckdb or duckdb://relative.duckdb";
    static final String SQLITE_SCHEME = "sqlite://";
    static final String SQLITE_EXAMPLE = "sqlite:///abs/path/toggl.db or sqlite://relative.db";
    static final String FILE_SCHEME = "file://";
    static final String FILE_EXAMPLE = "file:///abs/folder/ or file://relative/folder/";

    /** The parts of a PostgreSQL URL; {@code password} is null when the URL has none. */
    record PostgresParts(String host, int port, String user, Secret password, String database, String sslmode,
            String sslrootcert) {}

    /** The URL query parameters a PostgreSQL URL may carry; each becomes a JDBC property, never URL text. */
    static final List<String> POSTGRES_PARAMETERS = List.of("sslmode", "sslrootcert");
    /**
     * Characters that would end a host or database name inside a JDBC URL and start parameters of
     * its own ({@code toggl?sslmode=disable} as a database name switched TLS off).
     */
    private static final String URL_DELIMITERS = "?&/#";

    private DatabaseUrls() {}

    static boolean isPostgres(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return POSTGRES_SCHEMES.stream().anyMatch(v::startsWith);
    }

    static boolean isDuckDb(String value) {
        return value.strip().toLowerCase(Locale.ROOT).startsWith(DUCKDB_SCHEME);
    }

    static boolean isSqlite(String value) {
        return value.strip().toLowerCase(Locale.ROOT).startsWith(SQLITE_SCHEME);
    }

    static boolean isFile(String value) {
        return value.strip().toLowerCase(Locale.ROOT).startsWith(FILE_SCHEME);
    }

    /** Whether {@code value} is a target URL of any kind (the name is older than the file target). */
    static boolean isDatabaseUrl(String value) {
        return typeOf(value).isPresent();
    }

    /** The connection type a target URL stands for: postgres, duckdb, sqlite or file. */
    static java.util.Optional<String> typeOf(String url) {
        if (isPostgres(url)) {
            return java.util.Optional.of("postgres");
        }
        if (isDuckDb(url)) {
            return java.util.Optional.of("duckdb");
        }
        if (isSqlite(url)) {
            return java.util.Optional.of("sqlite");
        }
        return isFile(url) ? java.util.Optional.of("file") : java.util.Optional.empty();
    }

    static PostgresParts postgres(String url, Where where) {
        String shown = "'" + Masking.connection(url) + "'";
        String fix = "; use " + POSTGRES_EXAMPLE;
        String rest = url.strip().substring(url.strip().indexOf("://") + 3);
        String user = null;
        Secret password = null;
        // The last '@' ends the user info, so an unescaped '@' in a password still parses.
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), where, shown, fix);
            if (colon >= 0) {
                password = Secret.of(decode(userInfo.substring(colon + 1), where, shown, fix));
            }
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String database = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            database = decode(rest.substring(slash + 1), where, shown, fix);
            rest = rest.substring(0, slash);
        }
        String host = rest;
        int port = PostgresConnection.DEFAULT_PORT;
        int portColon = host.startsWith("[") ? host.indexOf(':', host.indexOf(']')) : host.lastIndexOf(':');
        if (portColon >= 0) {
            port = port(host.substring(portColon + 1), where, shown + ": port ");
            host = host.substring(0, portColon);
        }
        if (host.isEmpty()) {
            throw where.error(shown + " has no host" + fix);
        }
        if (database == null || database.isEmpty()) {
            throw where.error(shown + " must name one database after the host" + fix);
        }
        checkName(host, "host", where, shown + ": ");
        checkName(database, "database", where, shown + ": ");
        String sslmode = null;
        String sslrootcert = null;
        if (query != null && !query.isEmpty()) {
            for (String param : query.split("&")) {
                int eq = param.indexOf('=');
                String key = eq < 0 ? param : param.substring(0, eq);
                String value = eq < 0 ? "" : decode(param.substring(eq + 1), where, shown, fix);
                switch (key) {
                    case "sslmode" -> sslmode = sslMode(value, where, shown + ": sslmode ");
                    case "sslrootcert" -> sslrootcert = sslRootCert(value, where, shown + ": sslrootcert ");
                    default -> throw where.error(shown + " has unknown parameter '" + Printable.of(key) + "'"
                            + Suggest.didYouMean(key, POSTGRES_PARAMETERS) + "; the parameters are "
                            + String.join(", ", POSTGRES_PARAMETERS));
                }
            }
        }
        return new PostgresParts(host, port, user, password, database, sslmode, sslrootcert);
    }

    /** The DuckDB file of {@code duckdb:///abs/path} or {@code duckdb://relative} (to the working directory). */
    static Path duckDb(String url, Where where, Path workDir) {
        return localPath(url, DUCKDB_SCHEME, DUCKDB_EXAMPLE, "file", where, workDir);
    }

    /** The SQLite file of {@code sqlite:///abs/path} or {@code sqlite://relative} (to the working directory). */
    static Path sqlite(String url, Where where, Path workDir) {
        return localPath(url, SQLITE_SCHEME, SQLITE_EXAMPLE, "file", where, workDir);
    }

    /** The folder of {@code file:///abs/folder/} or {@code file://relative/folder/} (to the working directory). */
    static Path folder(String url, Where where, Path workDir) {
        return localPath(url, FILE_SCHEME, FILE_EXAMPLE, "folder", where, workDir);
    }

    private static Path localPath(String url, String scheme, String example, String what, Where where, Path workDir) {
        String rest = url.strip().substring(scheme.length());
        if (rest.isEmpty()) {
            throw where.error("'" + Masking.connection(url) + "' names no " + what + "; use " + example);
        }
        if (rest.contains("?")) {
            throw where.error("'" + Masking.connection(url) + "' has parameters, which are not supported; use " + example);
        }
        return workDir.resolve(rest).normalize();
    }

    /** {@code prefix} says where the value sits when it is part of a URL; empty for a map key. */
    static int port(String text, Where where, String prefix) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the fix
        }
        throw where.error(prefix + "'" + text + "' is not a port number from 1 to 65535 (example: 5432)");
    }

    static String sslMode(String text, Where where, String prefix) {
        if (!SSL_MODES.contains(text)) {
            throw where.error(prefix + "'" + text + "' is not an sslmode" + Suggest.didYouMean(text, SSL_MODES)
                    + "; use one of: " + String.join(", ", SSL_MODES));
        }
        return text;
    }

    /**
     * A host or database name that the JDBC URL could not carry as one name: {@code prefix} says
     * where it was written.
     */
    static String checkName(String name, String what, Where where, String prefix) {
        for (char c : name.toCharArray()) {
            if (URL_DELIMITERS.indexOf(c) >= 0 || Printable.isControl(c) || (what.equals("host") && c == '@')) {
                throw where.error(prefix + what + " '" + Printable.of(name) + "' contains '" + Printable.of(String.valueOf(c))
                        + "'; a " + what + " name may not contain any of " + URL_DELIMITERS
                        + " (they would add parameters to the JDBC URL); write the plain " + what + " name");
            }
        }
        return name;
    }

    /** A CA certificate file for verify-ca/verify-full; pgjdbc reads it at connect time, so it must exist now. */
    static String sslRootCert(String text, Where where, String prefix) {
        if (text.isEmpty()) {
            throw where.error(prefix + "is empty; give the path of the PEM file of the server's CA (example: sslrootcert=/etc/ssl/db-ca.pem)");
        }
        if (!java.nio.file.Files.isReadable(Path.of(text))) {
            throw where.error(prefix + "'" + Printable.of(text) + "' is not a readable file; give the path of the PEM file"
                    + " of the server's CA (example: sslrootcert=/etc/ssl/db-ca.pem)");
        }
        return text;
    }

    /** Percent-decoding for user info and database ('+' stays '+', unlike form decoding). */
    private static String decode(String s, Where where, String shown, String fix) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        // '%' and hex digits are ASCII, so decoding the UTF-8 bytes keeps any other character intact.
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '%') {
                out.write(in[i]);
                continue;
            }
            int high = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int low = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                throw where.error(shown + " has a malformed %-escape (write %40 for @, %3A for :, %25 for %)" + fix);
            }
            out.write(high * 16 + low);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
