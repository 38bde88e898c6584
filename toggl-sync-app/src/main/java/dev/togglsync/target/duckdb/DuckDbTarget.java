package dev.togglsync.target.duckdb;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.target.LocalFiles;
import dev.togglsync.target.BulkWriter;
import dev.togglsync.target.JdbcTarget;
import dev.togglsync.target.TableName;
import dev.togglsync.target.TargetFailure;
import dev.togglsync.target.WriteProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.duckdb.DuckDBConnection;

/**
 * An embedded DuckDB file target. The file (and its parent directories) is created when missing
 * and stays open, with DuckDB's file lock, until {@link #close()}: a second process that opens the
 * same file fails at once (exit 5) instead of waiting. Each load works on its own duplicate of the
 * connection, so it has its own transaction; state calls use the main connection.
 *
 * <p>The state table lives in schema {@value #STATE_SCHEMA}, which is also the current schema where
 * objects without a schema go.
 */
public final class DuckDbTarget extends JdbcTarget {
    static final String STATE_SCHEMA = "main";

    private final DuckDBConnection connection;
    private final DuckDbDialect dialect;

    /** @param clock the run's clock: gives the commit time stored in state rows and snapshot rows */
    public DuckDbTarget(DuckDbConnection config, Clock clock) {
        this(OpenFile.open(config), clock);
    }

    private DuckDbTarget(OpenFile file, Clock clock) {
        super(file.dialect(), STATE_SCHEMA, file.failure(), clock);
        this.connection = file.connection();
        this.dialect = file.dialect();
    }

    /** The open file and what depends on it, ready before the base class is built. */
    private record OpenFile(DuckDBConnection connection, DuckDbDialect dialect, TargetFailure failure) {
        static OpenFile open(DuckDbConnection config) {
            String describe = "duckdb://" + config.path();
            TargetFailure failure = new TargetFailure(describe, Optional.empty());
            DuckDBConnection connection = openFile(config.path().toAbsolutePath(), failure);
            return new OpenFile(connection, new DuckDbDialect(catalogName(connection, failure)), failure);
        }

        private static DuckDBConnection openFile(Path path, TargetFailure failure) {
            try {
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
            } catch (IOException e) {
                throw TogglSyncException.target(failure.target() + ": cannot create directory " + path.getParent()
                        + ": " + e.getMessage(), e);
            }
            boolean created = !Files.exists(path);
            DuckDBConnection connection;
            try {
                connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + path);
            } catch (SQLException e) {
                String message = failure.databaseMessage(e);
                if (message.contains("Could not set lock on file")) {
                    throw TogglSyncException.target(failure.target() + ": the database file is locked by another"
                            + " process (another toggl-sync run?); let it finish, or stop it, then run again ("
                            + message + ")", e);
                }
                throw failure.of("cannot open the database file", e, null);
            }
            if (created) {
                try {
                    makePrivate(path);
                } catch (IOException e) {
                    closeQuietly(connection);
                    throw TogglSyncException.target(failure.target() + ": cannot make the new database file private"
                            + " (mode 0600): " + e.getMessage(), e);
                }
            }
            return connection;
        }

        /**
         * A new database file gets mode 0600 as soon as DuckDB has created it, before any data is
         * written: DuckDB creates it with the umask's mode, usually 0644, and the file will hold
         * the whole account (DuckDB refuses to start a database in a file created empty beforehand).
         * An existing file keeps its mode: whoever shared it meant to.
         */
        private static void makePrivate(Path path) throws IOException {
            if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return;
            }
            for (Path file : new Path[] {path, path.resolveSibling(path.getFileName() + ".wal")}) {
                if (Files.exists(file)) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }

        /** DuckDB names a file's catalog after the file; the dialect qualifies every name with it. */
        private static String catalogName(DuckDBConnection connection, TargetFailure failure) {
            try (Statement s = connection.createStatement();
                    ResultSet r = s.executeQuery("SELECT current_database()")) {
                r.next();
                return r.getString(1);
            } catch (SQLException e) {
                closeQuietly(connection);
                throw failure.of("cannot read the database's catalog name", e, null);
            }
        }
    }

    /**
     * Checks, without creating or changing anything, that a run could open {@code config}'s file: an
     * existing file is opened read-only (a lock held by another process fails here), a missing one
     * needs a writable directory (its nearest existing ancestor, when the folders are missing too).
     * A run calls this before its first request, and creates the file only once Toggl has answered.
     */
    public static void checkReachable(DuckDbConnection config) {
        Path path = config.path().toAbsolutePath();
        String describe = "duckdb://" + config.path();
        if (Files.exists(path)) {
            java.util.Properties readOnly = new java.util.Properties();
            readOnly.setProperty("duckdb.read_only", "true");
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + path, readOnly)) {
                return;
            } catch (SQLException e) {
                TargetFailure failure = new TargetFailure(describe, Optional.empty());
                String message = failure.databaseMessage(e);
                if (message.contains("Could not set lock on file")) {
                    throw TogglSyncException.target(describe + ": the database file is locked by another process"
                            + " (another toggl-sync run?); let it finish, or stop it, then run again (" + message + ")", e);
                }
                throw failure.of("cannot open the database file", e, null);
            }
        }
        LocalFiles.requireCreatable(path, describe, "the database file");
    }

    @Override
    protected <T> T withStateConnection(Function<Connection, T> work) {
        return work.apply(connection);
    }

    @Override
    protected Connection openLoadConnection(TableName table) {
        try {
            return connection.duplicate();
        } catch (SQLException e) {
            throw failure.of(table, "cannot start the load", e, null);
        }
    }

    @Override
    protected BulkWriter bulkWriter(Connection load) throws SQLException {
        return new AppenderWriter(load.unwrap(DuckDBConnection.class), dialect.catalog());
    }

    @Override
    protected void prepareLoad(Connection load, TableName table) throws SQLException {
        try {
            super.prepareLoad(load, table);
        } catch (SQLException e) {
            throw failure.of(table, "cannot create schema " + table.schema(), e, null);
        }
    }

    @Override
    public WriteProbe checkWritable(String schema) {
        Connection check;
        try {
            check = connection.duplicate();
        } catch (SQLException e) {
            throw failure.of("cannot open a second connection", e, null);
        }
        try (check) {
            return runWriteCheck(check, schema);
        } catch (SQLException e) {
            throw failure.of("cannot close the check's connection", e, null);
        }
    }

    /** Closes the file; DuckDB checkpoints its write-ahead log into it and releases the lock. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure.of("cannot close the database file", e, null);
        }
    }
}
