package dev.togglsync.target;

import dev.togglsync.state.StreamState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import dev.togglsync.schema.Column;

/**
 * What every SQL target shares, written once: the state table {@code _toggl_sync_state} (created
 * before the first load, read and reset by the state commands), the start of a load and its
 * lifecycle ({@link JdbcLoad}), the write check, and the names derived from a table by hashing.
 * A database's subclass says only what differs: how it connects, how rows go in fast
 * ({@link BulkWriter}), its SQL spelling ({@link SqlDialect}) and what else a load must hold before
 * it starts (PostgreSQL's per-table lock).
 */
public abstract class JdbcTarget implements Target {
    /** Names failures after this target; the subclass's own messages use it too. */
    protected final TargetFailure failure;
    private final SqlDialect dialect;
    private final StateTable stateTable;
    private final Clock clock;
    private volatile boolean stateTableReady;
    /**
     * The tables this target committed a load into, with the columns they then had: a later
     * incremental load of no rows into one of them changes nothing but the state row
     * ({@link #commitWithoutRows}). Known from this process's own commits only, so a one-shot run
     * (a new process) always runs the whole load.
     */
    private final Map<TableName, List<Column>> committed = new ConcurrentHashMap<>();

    /**
     * @param stateSchema the schema of the state table: one table per database, whatever schemas
     *     the streams' tables live in, so that {@code state show} finds every stream in one place
     * @param clock the run's clock: gives the commit time stored in state rows and snapshot rows
     */
    protected JdbcTarget(SqlDialect dialect, String stateSchema, TargetFailure failure, Clock clock) {
        this.dialect = dialect;
        this.failure = failure;
        this.clock = clock;
        this.stateTable = new StateTable(dialect, stateSchema, failure);
    }

    /**
     * Runs {@code work} on a connection in auto-commit mode, for reading, writing and creating the
     * state table outside any load.
     */
    protected abstract <T> T withStateConnection(Function<Connection, T> work);

    /**
     * A new connection for one load, which then owns (and closes) it. When it cannot be had, throws
     * the failure ({@link TargetFailure}) naming why.
     *
     * @param table the table as requested, for messages
     */
    protected abstract Connection openLoadConnection(TableName table);

    /** The bulk writer for a load on {@code connection}. */
    protected abstract BulkWriter bulkWriter(Connection connection) throws SQLException;

    /**
     * Readies a load's connection before the load starts: creates the table's schema when missing
     * (committed at once, see {@link Catalog#createSchemaIfMissing}) and turns auto-commit off, so
     * that everything after it is the load's one transaction. A database may also take a lock here.
     */
    protected void prepareLoad(Connection connection, TableName table) throws SQLException {
        Catalog.createSchemaIfMissing(connection, dialect, table.schema());
        connection.setAutoCommit(false);
    }

    @Override
    public final StreamLoad begin(LoadRequest request) {
        if (!stateTableReady) {
            withStateConnection(c -> {
                stateTable.ensure(c);
                return null;
            });
            stateTableReady = true;
        }
        Connection c = openLoadConnection(request.table());
        TableName table = request.table();
        try {
            table = resolve(c, table);
            prepareLoad(c, table);
            return JdbcLoad.start(c, dialect, bulkWriter(c), request, table, stateTable, failure, clock,
                    columns -> committed.put(request.table(), List.copyOf(columns)));
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure.of(table, "cannot start the load", e, dialect.hint(e));
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * The table a load writes: an empty schema means the connection's current schema, as an
     * unqualified name would. A database without schemas maps the name here.
     */
    protected TableName resolve(Connection c, TableName table) throws SQLException {
        if (!table.schema().isEmpty()) {
            return table;
        }
        String schema = Catalog.currentSchema(c, dialect).orElseThrow(() -> failure.plain(table
                + ": no schema of the search_path exists; write the object as schema.table"));
        return new TableName(schema, table.table());
    }

    /**
     * Incremental mode only, and only into a table this target loaded in this process with every
     * column the request has: an upsert of nothing leaves that table as it is, so the state row is
     * the whole commit. The other modes change the table even with no rows (full-refresh and
     * truncate empty it, a snapshot creates it), and a table not known here may be missing.
     */
    @Override
    public final boolean commitWithoutRows(LoadRequest request, StreamState state) {
        boolean tableUnchanged = switch (request.mode()) {
            case INCREMENTAL -> committed.getOrDefault(request.table(), List.of()).containsAll(request.schema().columns());
            case FULL_REFRESH, TRUNCATE, SNAPSHOT -> false;
        };
        if (!tableUnchanged || !stateTableReady) {
            return false;
        }
        withStateConnection(c -> {
            try {
                stateTable.write(c, request.connection(), request.stream(), state, clock.instant());
                return null;
            } catch (SQLException e) {
                throw failure.of(request.table(), "cannot write the state row", e, dialect.hint(e));
            }
        });
        return true;
    }

    @Override
    public final Optional<StreamState> state(String connection, String stream) {
        // Once the state table is known to exist, a read does not ask the catalog again (a catalog
        // query was a sixth of a no-change --every cycle's CPU on DuckDB).
        return withStateConnection(c -> stateTableReady ? stateTable.readExisting(c, connection, stream)
                : stateTable.read(c, connection, stream));
    }

    @Override
    public final List<StoredState> states() {
        return withStateConnection(stateTable::readAll);
    }

    @Override
    public final boolean resetState(String connection, String stream) {
        return withStateConnection(c -> stateTable.delete(c, connection, stream));
    }

    /**
     * What {@link Target#checkWritable} does, on a connection of the check alone; the connection's
     * auto-commit is turned off and its work rolled back.
     */
    protected final WriteProbe runWriteCheck(Connection connection, String schema) {
        return WriteProbe.tableIn(WriteCheck.run(connection, dialect, schema, failure));
    }

    @Override
    public final String describe() {
        return failure.target();
    }

    /** A stable 64-bit key per qualified table name, for per-table locks; a NUL separates the parts unambiguously. */
    protected static long lockKey(TableName table) {
        return ByteBuffer.wrap(sha256("toggl-sync\0" + table.schema() + "\0" + table.table())).getLong();
    }

    /** A short stable suffix that keeps names derived from a table unique per table and within identifier limits. */
    static String shortHash(String name) {
        return HexFormat.of().formatHex(sha256(name), 0, 8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Closes a connection whose work is done or abandoned; the server ends its transaction either way. */
    protected static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Best effort: nothing committed depends on it.
        }
    }
}
