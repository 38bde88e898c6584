package dev.togglsync.target.sqlite;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.SqliteConnection;
import dev.togglsync.target.BulkWriter;
import dev.togglsync.target.JdbcTarget;
import dev.togglsync.target.LocalFiles;
import dev.togglsync.target.TableName;
import dev.togglsync.target.TargetFailure;
import dev.togglsync.target.WriteProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;

/**
 * An SQLite database file target (xerial sqlite-jdbc): all four modes through the shared JDBC load,
 * state table {@code _toggl_sync_state} in the same file and the same transaction as the rows.
 *
 * <p>The file runs in WAL mode, so readers (Datasette, the sqlite3 shell, {@code state show}) keep
 * reading while a load writes. Each load has its own connection whose transaction begins
 * IMMEDIATE, taking SQLite's one write lock at its start: a second run that wants to load into the
 * same file waits up to {@code lockTimeout} for it (SQLite's busy timeout), then fails with exit 5
 * naming the lock. A crashed run's lock ends with its process.
 *
 * <p>SQLite has one schema per file, {@code main}: an object {@code schema.table} whose schema is
 * not {@code main} becomes table {@code schema_table} (so the examples' {@code toggl.projects} is
 * {@code toggl_projects}), keeping objects of different schemas apart.
 */
public final class SqliteTarget extends JdbcTarget {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);
    static final String SCHEMA = "main";

    private final Path path;
    private final Duration lockTimeout;

    /**
     * @param lockTimeout how long a load waits for another run's write lock on the file
     * @param clock the run's clock: gives the commit time stored in state rows and snapshot rows
     */
    public SqliteTarget(SqliteConnection config, Duration lockTimeout, Clock clock) {
        super(SqliteDialect.INSTANCE, SCHEMA, new TargetFailure("sqlite://" + config.path(), Optional.empty()), clock);
        if (lockTimeout.isNegative()) {
            throw new IllegalArgumentException("lockTimeout must not be negative: " + lockTimeout);
        }
        this.path = config.path().toAbsolutePath();
        this.lockTimeout = lockTimeout;
    }

    /** The name a table gets in the file's one schema; see the class comment. */
    static TableName inMain(TableName table) {
        if (table.schema().isEmpty() || table.schema().equals(SCHEMA)) {
            return new TableName(SCHEMA, table.table());
        }
        return new TableName(SCHEMA, table.schema() + "_" + table.table());
    }

    @Override
    protected TableName resolve(Connection c, TableName table) {
        return inMain(table);
    }

    /** Every state call has its own short-lived connection, as readers of the file do. */
    @Override
    protected <T> T withStateConnection(Function<Connection, T> work) {
        try (Connection c = connect()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw failure.of("cannot close the database file", e, null);
        }
    }

    @Override
    protected Connection openLoadConnection(TableName table) {
        return connect();
    }

    @Override
    protected BulkWriter bulkWriter(Connection connection) {
        return new SqliteWriter(connection, SqliteDialect.INSTANCE);
    }

    /** No schema to create; turning auto-commit off begins the IMMEDIATE transaction, which waits for the lock. */
    @Override
    protected void prepareLoad(Connection connection, TableName table) throws SQLException {
        connection.setAutoCommit(false);
    }

    /** SQLite has one schema; any other than {@code main} is refused here rather than failing on CREATE SCHEMA. */
    @Override
    public WriteProbe checkWritable(String schema) {
        if (!schema.isEmpty() && !schema.equals(SCHEMA)) {
            throw TogglSyncException.invalidInput(failure.target() + ": --schema " + schema
                    + ": SQLite has one schema per file, main; leave --schema out");
        }
        try (Connection c = connect()) {
            return runWriteCheck(c, schema);
        } catch (SQLException e) {
            throw failure.of("cannot close the check's connection", e, null);
        }
    }

    /** Nothing stays open between calls. */
    @Override
    public void close() {}

    private Connection connect() {
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
        } catch (IOException e) {
            throw TogglSyncException.target(failure.target() + ": cannot create directory " + path.getParent() + ": "
                    + e.getMessage(), e);
        }
        try {
            // SQLite takes an empty file as a new database, and gives its -wal and -shm files the
            // database file's mode: made 0600 here, none of the account's data is ever readable by others.
            LocalFiles.createPrivate(path);
        } catch (IOException e) {
            throw TogglSyncException.target(failure.target() + ": cannot create the database file (mode 0600): "
                    + e.getMessage() + "; choose a path in a folder you can write to", e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, lockTimeout.toMillis()));
        try {
            return config.createConnection("jdbc:sqlite:" + path);
        } catch (SQLException e) {
            throw failure.of("cannot open the database file", e, SqliteDialect.INSTANCE.hint(e));
        }
    }
}
