package dev.togglsync.target;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Mode;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.Rescan;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One stream's load into a SQL database, the same for every database: begin, rows, then commit or
 * roll back. Rows go through the database's {@link BulkWriter} into the landing table its
 * {@link ModeStrategy} chose, inside one transaction; {@link #commit} then has the strategy put them
 * in place and writes the state row in that same transaction, and only then commits. Until that
 * commit nothing is visible to readers, and {@link #close()} without a commit rolls everything back
 * (only a schema created for a new table stays, empty: see {@link Catalog#createSchemaIfMissing}).
 */
final class JdbcLoad implements StreamLoad {
    private enum Status { OPEN, COMMITTED, FAILED, CLOSED }

    private final LoadSteps steps;
    private final BulkWriter writer;
    private final ModeStrategy mode;
    private final LoadRequest request;
    private final StateTable stateTable;
    private final Clock clock;
    private final Consumer<List<Column>> onCommit;
    private TableSchema schema;
    private long rows;
    private Status status = Status.OPEN;

    private JdbcLoad(LoadSteps steps, BulkWriter writer, ModeStrategy mode, LoadRequest request,
            StateTable stateTable, Clock clock, Consumer<List<Column>> onCommit) {
        this.onCommit = onCommit;
        this.steps = steps;
        this.writer = writer;
        this.mode = mode;
        this.request = request;
        this.stateTable = stateTable;
        this.clock = clock;
        this.schema = request.schema();
    }

    /**
     * Starts a load: checks the request, creates the landing table and opens the writer. On failure
     * the connection is rolled back and closed.
     *
     * @param connection a connection of this load alone, auto-commit off, the table's schema created;
     *     it belongs to the load from now on
     * @param table the request's table with its schema resolved (never empty)
     * @param onCommit told the table's loaded columns once the commit succeeded
     */
    static JdbcLoad start(Connection connection, SqlDialect dialect, BulkWriter writer, LoadRequest request,
            TableName table, StateTable stateTable, TargetFailure failure, Clock clock, Consumer<List<Column>> onCommit) {
        LoadSteps steps = new LoadSteps(connection, table, dialect, failure);
        ModeStrategy mode = ModeStrategy.of(request.mode(), new LoadSql(dialect, table, request.primaryKey()), steps);
        JdbcLoad load = new JdbcLoad(steps, writer, mode, request, stateTable, clock, onCommit);
        load.start();
        return load;
    }

    private void start() {
        try {
            requireUsableKey();
            mode.prepare(schema);
            steps.step("opening the bulk writer");
            writer.open(schema, mode.replacement());
        } catch (SQLException e) {
            TogglSyncException failed = fail(e);
            close();
            throw failed;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void schemaChanged(TableSchema grown) {
        requireOpen();
        if (grown.size() < schema.size() || !grown.columns().subList(0, schema.size()).equals(schema.columns())) {
            throw new IllegalArgumentException("schema of " + request.stream() + " may only grow: had " + schema
                    + ", got " + grown);
        }
        try {
            steps.step("writing rows to the staging table");
            writer.finish();
            for (Column added : grown.columns().subList(schema.size(), grown.size())) {
                mode.addColumn(added);
            }
            schema = grown;
            steps.step("opening the bulk writer");
            writer.open(grown, mode.replacement());
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void accept(Object[] row) {
        requireOpen();
        if (row.length > schema.size()) {
            throw new IllegalArgumentException("row of " + row.length + " values for " + request.stream()
                    + " whose schema has " + schema.size() + " columns; call schemaChanged first");
        }
        try {
            writer.write(rows + 1, row);
        } catch (SQLException e) {
            steps.step("writing rows to the staging table");
            throw fail(e);
        } catch (RuntimeException e) {
            // A value of the wrong class leaves the writer mid-row: the load cannot go on.
            status = Status.FAILED;
            throw e;
        }
        rows++;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void commit(StreamState state, List<Rescan> rescans) {
        requireOpen();
        try {
            steps.step("writing rows to the " + mode.landing() + " table");
            writer.finish();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            mode.apply(schema.columns(), now);
            mode.markGone(rescans, schema.columns(), now);
            steps.step("writing the state row");
            stateTable.write(steps.connection(), request.connection(), request.stream(), state, now);
            steps.step("committing");
            steps.connection().commit();
            status = Status.COMMITTED;
            onCommit.accept(schema.columns());
        } catch (SQLException e) {
            throw fail(e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (status == Status.CLOSED) {
            return;
        }
        if (status != Status.COMMITTED) {
            writer.discard();
            steps.rollbackQuietly();
        }
        status = Status.CLOSED;
        steps.closeQuietly();
    }

    /**
     * The strategies build their SQL on the key: an incremental merge matches rows on it, and every
     * mode removes repeated keys by it, which on a database that declares no key constraint (DuckDB)
     * is the only thing keeping one row per key. A key that is not among the loaded columns would
     * break that SQL, so it is refused before any row. The replication config is checked earlier,
     * with the YAML's own names; this guards loads requested any other way.
     */
    private void requireUsableKey() {
        List<String> key = request.primaryKey();
        if (request.mode() == Mode.INCREMENTAL && key.isEmpty()) {
            throw steps.invalid("mode incremental needs a primary_key for stream " + request.stream());
        }
        for (String k : key) {
            if (schema.indexOf(k) < 0) {
                throw steps.invalid("primary_key column '" + k + "' is not a column of stream " + request.stream()
                        + "; its columns are " + schema.columns().stream().map(Column::name)
                                .collect(Collectors.joining(", ")));
            }
        }
    }

    private void requireOpen() {
        if (status != Status.OPEN) {
            throw new IllegalStateException("the load of " + steps.table() + " is " + status.name().toLowerCase());
        }
    }

    private TogglSyncException fail(SQLException e) {
        status = Status.FAILED;
        return steps.failed(e);
    }
}
