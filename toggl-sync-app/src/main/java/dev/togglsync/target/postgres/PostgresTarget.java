package dev.togglsync.target.postgres;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.Catalog;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StateTable;
import dev.togglsync.target.StoredState;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.TableName;
import dev.togglsync.target.Target;
import dev.togglsync.target.TargetFailure;
import dev.togglsync.target.WriteCheck;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * A PostgreSQL target. Each load has its own connection and transaction; rows arrive through COPY
 * into a temporary staging table and are merged at commit (see {@link dev.togglsync.target.JdbcLoad}).
 * Tables created here get a PRIMARY KEY on the stream's key, which gives the merge an index.
 *
 * <p>Two runs must not load one table at the same time: each load takes a transaction-scoped
 * advisory lock keyed by the qualified table name and waits at most {@code lockTimeout} for it,
 * then fails (exit 5) saying another run holds the table. The lock ends with the transaction, so a
 * crashed run never leaves it behind.
 *
 * <p>The state table lives in schema {@value #STATE_SCHEMA}, one per database.
 */
public final class PostgresTarget implements Target {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);
    public static final String STATE_SCHEMA = "public";
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final PostgresConnection config;
    private final Duration lockTimeout;
    private final Clock clock;
    private final TargetFailure failure;
    private final StateTable stateTable;
    private boolean stateTableReady;

    public PostgresTarget(PostgresConnection config) {
        this(config, DEFAULT_LOCK_TIMEOUT, Clock.systemUTC());
    }

    /** @param lockTimeout how long a load waits for another run's lock on the same table; zero = not at all */
    public PostgresTarget(PostgresConnection config, Duration lockTimeout) {
        this(config, lockTimeout, Clock.systemUTC());
    }

    /**
     * @param lockTimeout how long a load waits for another run's lock on the same table; zero = not at all
     * @param clock gives the commit time stored in state rows and snapshot rows
     */
    public PostgresTarget(PostgresConnection config, Duration lockTimeout, Clock clock) {
        if (lockTimeout.isNegative()) {
            throw new IllegalArgumentException("lockTimeout must not be negative: " + lockTimeout);
        }
        this.config = config;
        this.lockTimeout = lockTimeout;
        this.clock = clock;
        this.failure = new TargetFailure(config.masked(), Optional.ofNullable(config.password()));
        this.stateTable = new StateTable(PostgresDialect.INSTANCE, STATE_SCHEMA, failure);
    }

    @Override
    public StreamLoad begin(LoadRequest request) {
        if (!stateTableReady) {
            withConnection(c -> {
                stateTable.ensure(c);
                return null;
            });
            stateTableReady = true;
        }
        Connection c = connect();
        TableName table = request.table();
        try {
            table = resolve(c, table);
            Catalog.createSchemaIfMissing(c, PostgresDialect.INSTANCE, table.schema());
            c.setAutoCommit(false);
            lock(c, table);
            return PostgresLoad.start(c, request, table, stateTable, failure, clock);
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure.of(table, "cannot start the load", e, PostgresDialect.INSTANCE.hint(e));
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    @Override
    public Optional<StreamState> state(String connection, String stream) {
        return withConnection(c -> stateTable.read(c, connection, stream));
    }

    @Override
    public List<StoredState> states() {
        return withConnection(stateTable::readAll);
    }

    @Override
    public boolean resetState(String connection, String stream) {
        return withConnection(c -> stateTable.delete(c, connection, stream));
    }

    @Override
    public String checkWritable(String schema) {
        return withConnection(c -> WriteCheck.run(c, PostgresDialect.INSTANCE, schema, failure));
    }

    @Override
    public String describe() {
        return config.masked();
    }

    /** Nothing to release: every load and every state call has its own short-lived connection. */
    @Override
    public void close() {}

    /** An empty schema means the connection's current schema, as an unqualified name would. */
    private TableName resolve(Connection c, TableName table) throws SQLException {
        if (!table.schema().isEmpty()) {
            return table;
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT current_schema()")) {
            String schema = r.next() ? r.getString(1) : null;
            if (schema == null) {
                throw failure.plain(table + ": no schema of the search_path exists; write the object as"
                        + " schema.table");
            }
            return new TableName(schema, table.table());
        }
    }

    /**
     * Takes the table's advisory lock for this transaction, waiting at most {@code lockTimeout}:
     * PostgreSQL's lock_timeout bounds the wait on the server, so no polling is needed.
     */
    private void lock(Connection c, TableName table) throws SQLException {
        long key = lockKey(table);
        if (lockTimeout.isZero()) {
            try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                p.setLong(1, key);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next() && r.getBoolean(1)) {
                        return;
                    }
                }
            }
            throw lockedByAnotherRun(table, null);
        }
        String previous;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT current_setting('lock_timeout')")) {
            r.next();
            previous = r.getString(1);
        }
        setLockTimeout(c, Math.max(1, lockTimeout.toMillis()) + "ms");
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            p.setLong(1, key);
            p.executeQuery().close();
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw lockedByAnotherRun(table, e);
            }
            throw e;
        }
        setLockTimeout(c, previous);
    }

    private static void setLockTimeout(Connection c, String value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            p.setString(1, value);
            p.executeQuery().close();
        }
    }

    private TogglSyncException lockedByAnotherRun(TableName table, SQLException cause) {
        String waited = lockTimeout.toMillis() % 1000 == 0
                ? lockTimeout.toSeconds() + " s"
                : lockTimeout.toMillis() + " ms";
        return TogglSyncException.target(config.masked() + ": " + table + ": another toggl-sync run is loading"
                + " this table and holds its lock (waited " + waited + "); let that run finish, or stop it,"
                + " then run again", cause);
    }

    /** A stable 64-bit key per qualified table name; a NUL separates the parts unambiguously. */
    static long lockKey(TableName table) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("toggl-sync\0" + table.schema() + "\0" + table.table()).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private <T> T withConnection(Function<Connection, T> work) {
        Connection c = connect();
        try {
            return work.apply(c);
        } finally {
            closeQuietly(c);
        }
    }

    private Connection connect() {
        Properties props = new Properties();
        props.setProperty("user", config.user());
        if (config.password() != null) {
            props.setProperty("password", config.password().reveal());
        }
        props.setProperty("ApplicationName", "toggl-sync");
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        try {
            return DriverManager.getConnection(config.jdbcUrl(), props);
        } catch (SQLException e) {
            throw failure.of("cannot connect", e, PostgresDialect.INSTANCE.hint(e));
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Closing is best effort; the server ends the session and its transaction either way.
        }
    }
}
