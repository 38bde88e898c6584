package dev.togglsync.config;

import dev.togglsync.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A PostgreSQL target. {@code sslmode} and {@code sslrootcert} are as written (null when not);
 * {@link #effectiveSslMode()} is what a connection uses. {@code toString()} masks the password.
 */
public record PostgresConnection(
        String name, String host, int port, String user, Secret password, String database, String sslmode,
        String sslrootcert)
        implements Connection {
    public static final int DEFAULT_PORT = 5432;
    /**
     * Without an sslmode a remote server gets its certificate checked against the CA and its host
     * name (pgjdbc's own default, {@code prefer}, accepts plaintext and any certificate); a server
     * on this machine is reached over loopback, where there is no wire to protect.
     */
    public static final String REMOTE_SSLMODE = "verify-full";
    public static final String LOOPBACK_SSLMODE = "prefer";

    public PostgresConnection(String name, String host, int port, String user, Secret password, String database, String sslmode) {
        this(name, host, port, user, password, database, sslmode, null);
    }

    @Override
    public String type() {
        return "postgres";
    }

    /** The sslmode as written, else {@value #REMOTE_SSLMODE} for a remote host, {@value #LOOPBACK_SSLMODE} for loopback. */
    public String effectiveSslMode() {
        if (sslmode != null && !sslmode.isEmpty()) {
            return sslmode;
        }
        return TogglConnectionParser.isLoopback(host) ? LOOPBACK_SSLMODE : REMOTE_SSLMODE;
    }

    /**
     * The JDBC URL: host, port and database only. The database is percent-encoded (pgjdbc decodes
     * it), so no name can add a parameter; credentials and TLS settings go in {@link #jdbcProperties()}.
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** user, password, sslmode (always set, see {@link #effectiveSslMode()}) and sslrootcert when given. */
    public Properties jdbcProperties() {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password.reveal());
        }
        props.setProperty("sslmode", effectiveSslMode());
        if (sslrootcert != null) {
            props.setProperty("sslrootcert", sslrootcert);
        }
        return props;
    }

    /** A display form safe to print: {@code postgresql://user:****@host:port/db}. */
    public String masked() {
        return "postgresql://" + user + (password == null ? "" : ":****") + "@" + host + ":" + port + "/" + database;
    }
}
