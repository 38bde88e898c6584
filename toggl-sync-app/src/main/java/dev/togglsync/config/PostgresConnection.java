package dev.togglsync.config;

import dev.togglsync.Secret;

/** A PostgreSQL target. {@code toString()} masks the password. */
public record PostgresConnection(
        String name, String host, int port, String user, Secret password, String database, String sslmode)
        implements Connection {
    public static final int DEFAULT_PORT = 5432;

    @Override
    public String type() {
        return "postgres";
    }

    /** The JDBC URL without credentials (they are passed as properties, never in the URL). */
    public String jdbcUrl() {
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        return sslmode == null || sslmode.isEmpty() ? url : url + "?sslmode=" + sslmode;
    }

    /** A display form safe to print: {@code postgresql://user:****@host:port/db}. */
    public String masked() {
        return "postgresql://" + user + (password == null ? "" : ":****") + "@" + host + ":" + port + "/" + database;
    }
}
