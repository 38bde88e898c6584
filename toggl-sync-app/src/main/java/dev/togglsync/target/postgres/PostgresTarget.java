package dev.togglsync.target.postgres;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.target.BulkWriter;
import dev.togglsync.target.JdbcTarget;
import dev.togglsync.target.TableName;
import dev.togglsync.target.TargetFailure;
import dev.togglsync.target.WriteProbe;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * A PostgreSQL target. Each load has its own connection and transaction; rows arrive through binary
 * COPY ({@link CopyWriter}): a full-refresh writes them straight into a new table that replaces the
 * old one at commit, the other modes into a temporary staging table that is merged into the table
 * at commit. Tables created here get a PRIMARY KEY on the stream's key (built after the rows in a
 * full-refresh, declared up front for truncate and incremental), which gives the incremental merge
 * an index; snapshot tables get none, since every load appends the same keys again.
 *
 * <p>Two runs must not load one table at the same time: each load takes a transaction-scoped
 * advisory lock keyed by the qualified table name and waits at most {@code lockTimeout} for it,
 * then fails (exit 5) saying another run holds the table. The lock ends with the transaction, so a
 * crashed run never leaves it behind.
 *
 * <p>The state table lives in schema {@value #STATE_SCHEMA}, one per database.
 */
public final class PostgresTarget extends JdbcTarget {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);
    static final String STATE_SCHEMA = "public";
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final PostgresConnection config;
    private final Duration lockTimeout;

    /**
     * @param lockTimeout how long a load waits for another run's lock on the same table; zero = not at all
     * @param clock the run's clock: gives the commit time stored in state rows and snapshot rows
     */
    public PostgresTarget(PostgresConnection config, Duration lockTimeout, Clock clock) {
        super(PostgresDialect.INSTANCE, STATE_SCHEMA,
                new TargetFailure(config.masked(), Optional.ofNullable(config.password())), clock);
        if (lockTimeout.isNegative()) {
            throw new IllegalArgumentException("lockTimeout must not be negative: " + lockTimeout);
        }
        this.config = config;
        this.lockTimeout = lockTimeout;
    }

    /** Every state call has its own short-lived connection. */
    @Override
    protected <T> T withStateConnection(Function<Connection, T> work) {
        return withConnection(work);
    }

    @Override
    protected Connection openLoadConnection(TableName table) {
        return connect();
    }

    @Override
    protected BulkWriter bulkWriter(Connection connection) throws SQLException {
        return new CopyWriter(connection);
    }

    /** Also takes the table's lock, after the schema's creation has committed and in the load's transaction. */
    @Override
    protected void prepareLoad(Connection connection, TableName table) throws SQLException {
        super.prepareLoad(connection, table);
        lock(connection, table);
    }

    @Override
    public WriteProbe checkWritable(String schema) {
        return withConnection(c -> runWriteCheck(c, schema));
    }

    /** Nothing to release: every load and every state call has its own short-lived connection. */
    @Override
    public void close() {}

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

    private <T> T withConnection(Function<Connection, T> work) {
        Connection c = connect();
        try {
            return work.apply(c);
        } finally {
            closeQuietly(c);
        }
    }

    private Connection connect() {
        Properties props = config.jdbcProperties();
        props.setProperty("ApplicationName", "toggl-sync");
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        try {
            return DriverManager.getConnection(config.jdbcUrl(), props);
        } catch (SQLException e) {
            throw failure.of("cannot connect", e, PostgresDialect.INSTANCE.hint(e));
        }
    }
}
