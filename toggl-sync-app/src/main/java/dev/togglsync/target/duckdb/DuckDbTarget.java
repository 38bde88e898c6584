package dev.togglsync.target.duckdb;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.DuckDbConnection;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.duckdb.DuckDBConnection;

/**
 * An embedded DuckDB file target. The file (and its parent directories) is created when missing
 * and stays open, with DuckDB's file lock, until {@link #close()}: a second process that opens the
 * same file fails at once (exit 5) instead of waiting. Each load works on its own duplicate of the
 * connection, so it has its own transaction; state calls use the main connection.
 *
 * <p>The state table lives in schema {@value #STATE_SCHEMA}.
 */
public final class DuckDbTarget implements Target {
    public static final String STATE_SCHEMA = "main";

    private final String describe;
    private final Clock clock;
    private final TargetFailure failure;
    private final StateTable stateTable;
    private final DuckDBConnection connection;
    private final DuckDbDialect dialect;
    private boolean stateTableReady;

    public DuckDbTarget(DuckDbConnection config) {
        this(config, Clock.systemUTC());
    }

    /** @param clock gives the commit time stored in state rows and snapshot rows */
    public DuckDbTarget(DuckDbConnection config, Clock clock) {
        this.describe = "duckdb://" + config.path();
        this.clock = clock;
        this.failure = new TargetFailure(describe, Optional.empty());
        this.connection = open(config.path().toAbsolutePath());
        this.dialect = new DuckDbDialect(catalogName());
        this.stateTable = new StateTable(dialect, STATE_SCHEMA, failure);
    }

    private String catalogName() {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT current_database()")) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            close();
            throw failure.of("cannot read the database's catalog name", e, null);
        }
    }

    private DuckDBConnection open(Path path) {
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
        } catch (IOException e) {
            throw TogglSyncException.target(describe + ": cannot create directory " + path.getParent() + ": "
                    + e.getMessage(), e);
        }
        try {
            return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + path);
        } catch (SQLException e) {
            String message = failure.databaseMessage(e);
            if (message.contains("Could not set lock on file")) {
                throw TogglSyncException.target(describe + ": the database file is locked by another process"
                        + " (another toggl-sync run?); let it finish, or stop it, then run again (" + message + ")", e);
            }
            throw failure.of("cannot open the database file", e, null);
        }
    }

    @Override
    public StreamLoad begin(LoadRequest request) {
        if (!stateTableReady) {
            stateTable.ensure(connection);
            stateTableReady = true;
        }
        TableName table = request.table().schema().isEmpty()
                ? new TableName("main", request.table().table())
                : request.table();
        DuckDBConnection load;
        try {
            load = connection.duplicate();
        } catch (SQLException e) {
            throw failure.of(table, "cannot start the load", e, null);
        }
        try {
            Catalog.createSchemaIfMissing(load, dialect, table.schema());
            load.setAutoCommit(false);
        } catch (SQLException e) {
            closeQuietly(load);
            throw failure.of(table, "cannot create schema " + table.schema(), e, null);
        }
        return DuckDbLoad.start(load, dialect, request, table, stateTable, failure, clock);
    }

    @Override
    public Optional<StreamState> state(String connectionName, String stream) {
        return stateTable.read(connection, connectionName, stream);
    }

    @Override
    public List<StoredState> states() {
        return stateTable.readAll(connection);
    }

    @Override
    public boolean resetState(String connectionName, String stream) {
        return stateTable.delete(connection, connectionName, stream);
    }

    @Override
    public String checkWritable(String schema) {
        DuckDBConnection check;
        try {
            check = connection.duplicate();
        } catch (SQLException e) {
            throw failure.of("cannot open a second connection", e, null);
        }
        try (check) {
            return WriteCheck.run(check, dialect, schema, failure);
        } catch (SQLException e) {
            throw failure.of("cannot close the check's connection", e, null);
        }
    }

    @Override
    public String describe() {
        return describe;
    }

    private static void closeQuietly(DuckDBConnection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Nothing was written on it.
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
