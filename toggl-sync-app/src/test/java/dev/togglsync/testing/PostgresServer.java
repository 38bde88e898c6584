package dev.togglsync.testing;

import dev.togglsync.config.PostgresConnection;
import dev.togglsync.Secret;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for the tests: no Docker, no server assumed running. The first
 * {@link #shared()} call runs {@code initdb} into a temporary directory and starts {@code postgres}
 * on a free loopback port; a shutdown hook stops it and deletes the directory.
 *
 * <p>initdb refuses to run as root, so under root the directory is handed to the {@code postgres}
 * system user and every server binary runs through {@code runuser -u postgres --}; as a normal user
 * they run directly. The binaries are the newest {@code /usr/lib/postgresql/<version>/bin}, or the
 * directory in the {@code PG_BIN} environment variable.
 *
 * <p>Authentication: password (scram-sha-256) for every role over TCP, peer on the Unix socket
 * (in the server's private directory): nobody else on the machine gets in without a password, not
 * even as the superuser {@code postgres}, whose random password only this class knows. Role
 * {@value #USER} logs in with its own password, so the tests prove that password handling works.
 * Durability is switched off: the data is disposable and speed matters.
 */
public final class PostgresServer {
    public static final String USER = "toggl";
    public static final String DATABASE = "toggl";
    private static final String HOST = "127.0.0.1";

    private static PostgresServer shared;

    private final Path root;
    private final Path data;
    private final Path bin;
    private final boolean asRoot;
    private final Secret password;
    private final Secret adminPassword;
    private final AtomicInteger databases = new AtomicInteger();
    private int port;
    private boolean running;

    private PostgresServer() throws IOException {
        this.bin = findBinaries();
        this.asRoot = "root".equals(System.getProperty("user.name"));
        this.root = Files.createTempDirectory("toggl-sync-pg-");
        this.data = root.resolve("data");
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.password = Secret.of("pw-" + HexFormat.of().formatHex(random));
        new SecureRandom().nextBytes(random);
        this.adminPassword = Secret.of("admin-" + HexFormat.of().formatHex(random));
        if (asRoot) {
            UserPrincipal postgres;
            try {
                postgres = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            } catch (IOException e) {
                throw new IllegalStateException("running as root, the tests need the 'postgres' system user to run"
                        + " PostgreSQL (initdb refuses root); install the postgresql package, which creates it", e);
            }
            Files.setOwner(root, postgres);
        }
    }

    /** The one server of this JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            try {
                PostgresServer server = new PostgresServer();
                Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "postgres-server-stop"));
                server.initialize();
                shared = server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** A connection as role {@value #USER} with its password to database {@value #DATABASE}. */
    public PostgresConnection connection(String name) {
        return connection(name, DATABASE);
    }

    /** A fresh empty database owned by {@value #USER}, so each test starts from nothing. */
    public PostgresConnection newDatabase() {
        String db = "toggl_" + databases.incrementAndGet();
        admin("CREATE DATABASE " + db + " OWNER " + USER + " STRATEGY FILE_COPY");
        return connection("POSTGRES", db);
    }

    /** The JDBC URL of database {@value #DATABASE}, without credentials. */
    public String jdbcUrl() {
        return connection("POSTGRES").jdbcUrl();
    }

    public int port() {
        return port;
    }

    /** The server's log file (the reliability suite scans it for secrets). */
    public Path serverLog() {
        return root.resolve("server.log");
    }

    /** Opens a JDBC connection with {@code c}'s credentials (for the tests' own queries). */
    public static Connection open(PostgresConnection c) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", c.user());
        props.setProperty("password", c.password().reveal());
        return DriverManager.getConnection(c.jdbcUrl(), props);
    }

    /** Stops the server (fast shutdown: sessions are ended, open transactions rolled back). */
    public synchronized void stop() {
        if (running) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
            running = false;
        }
    }

    /** Starts the stopped server again on the same port and data. */
    public synchronized void start() {
        if (!running) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    root.resolve("server.log").toString(), "-w", "-t", "60", "start"));
            running = true;
        }
    }

    private PostgresConnection connection(String name, String database) {
        return new PostgresConnection(name, HOST, port, USER, password, database, "disable");
    }

    private void initialize() throws IOException {
        // The superuser's password reaches initdb in a file of the private directory, never as an argument.
        Path pwfile = root.resolve("admin-password");
        Files.writeString(pwfile, adminPassword.reveal() + "\n");
        if (asRoot) {
            Files.setOwner(pwfile, root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        }
        try {
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "--auth-host=scram-sha-256", "--auth-local=peer", "--pwfile=" + pwfile,
                    "-E", "UTF8", "--locale=C", "--no-sync"));
        } finally {
            Files.deleteIfExists(pwfile);
        }
        Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                "local all all peer",
                "host all all " + HOST + "/32 scram-sha-256",
                ""));
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            port = freePort();
            // Later lines of postgresql.conf win, so a retry simply appends a new port.
            Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                    "",
                    "listen_addresses = '" + HOST + "'",
                    "port = " + port,
                    "unix_socket_directories = '" + root + "'",
                    "fsync = off",
                    "synchronous_commit = off",
                    "full_page_writes = off",
                    "shared_buffers = 16MB",
                    "max_connections = 40",
                    ""), StandardOpenOption.APPEND);
            try {
                start();
                last = null;
                break;
            } catch (IllegalStateException e) {
                last = e; // most likely the port was taken between probing and binding
            }
        }
        if (last != null) {
            throw last;
        }
        admin("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password.reveal() + "'");
        admin("CREATE DATABASE " + DATABASE + " OWNER " + USER);
    }

    private void admin(String sql) {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", adminPassword.reveal());
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port + "/postgres", props);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL server: " + e.getMessage(), e);
        }
    }

    private synchronized void destroy() {
        try {
            if (running) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
                running = false;
            }
        } catch (RuntimeException e) {
            // Still delete what we can.
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }

    /** Runs a server binary (as the postgres user under root), its output going to a log file. */
    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path log = root.resolve("commands.log");
        try {
            // pg_ctl's server child inherits stdout; a file (not a pipe) means nobody waits for EOF.
            Process p = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("test PostgreSQL server: timed out: " + String.join(" ", full));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("test PostgreSQL server: `" + String.join(" ", full) + "` exited "
                        + p.exitValue() + "; see " + log + " and " + root.resolve("server.log") + ":\n"
                        + tail(log) + tail(root.resolve("server.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())) + "\n";
        } catch (IOException e) {
            return "";
        }
    }

    private static Path findBinaries() throws IOException {
        String override = System.getenv("PG_BIN");
        if (override != null && !override.isEmpty()) {
            return Path.of(override);
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingDouble(PostgresServer::version))
                        .map(v -> v.resolve("bin"))
                        .orElseThrow(() -> missing(base));
            }
        }
        throw missing(base);
    }

    private static double version(Path dir) {
        try {
            return Double.parseDouble(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static IllegalStateException missing(Path base) {
        return new IllegalStateException("no PostgreSQL server binaries in " + base + "/<version>/bin; install them"
                + " (apt-get install postgresql) or point PG_BIN at the directory holding initdb and pg_ctl");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }
}
