package dev.togglsync.target.postgres;

import dev.togglsync.schema.Column;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.target.JdbcLoad;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StateTable;
import dev.togglsync.target.TableName;
import dev.togglsync.target.TargetFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Writes rows with one {@code COPY ... FROM STDIN} per schema version (a new column mid-load ends
 * the COPY, adds the column to the table and starts the next one): into the replacement table
 * (full-refresh) or the staging table (other modes). The staging table is a temporary
 * {@code ON COMMIT DROP} table: it is never WAL-logged and disappears with the transaction
 * whatever happens.
 *
 * <p>The replacement table is created in the load's own transaction, so its COPY may use
 * {@code FREEZE}: rows are written already frozen and visible to all, and the table's first readers
 * and the next vacuum need not rewrite every page to record that.
 */
final class PostgresLoad extends JdbcLoad {
    private final CopyManager copyManager;
    private final CopyEncoder encoder = new CopyEncoder();
    private CopyIn copy;

    private PostgresLoad(Connection connection, LoadRequest request, TableName table, StateTable stateTable,
            TargetFailure failure, Clock clock) throws SQLException {
        super(connection, PostgresDialect.INSTANCE, request, table, stateTable, failure, clock);
        this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /** Opens a load on {@code connection}, which then belongs to the load. */
    static PostgresLoad start(Connection connection, LoadRequest request, TableName table, StateTable stateTable,
            TargetFailure failure, Clock clock) throws SQLException {
        PostgresLoad load = new PostgresLoad(connection, request, table, stateTable, failure, clock);
        load.start();
        return load;
    }

    @Override
    protected void openWriter(TableSchema schema, Optional<TableName> replacement) throws SQLException {
        encoder.schema(schema, replacement.isEmpty());
        encoder.reset();
        encoder.begin();
        String columns = schema.columns().stream().map(Column::name).map(dialect::quote)
                .collect(Collectors.joining(", "));
        copy = replacement.isPresent()
                ? copyManager.copyIn("COPY " + dialect.qualified(replacement.get()) + " (" + columns
                        + ") FROM STDIN WITH (FORMAT binary, FREEZE)")
                : copyManager.copyIn("COPY " + dialect.stagingTable() + " (" + dialect.quote(SEQ)
                        + (columns.isEmpty() ? "" : ", " + columns) + ") FROM STDIN WITH (FORMAT binary)");
    }

    @Override
    protected void writeRow(long seq, Object[] row) throws SQLException {
        encoder.row(seq, row);
        if (encoder.length() >= CopyEncoder.FLUSH_AT) {
            send();
        }
    }

    @Override
    protected void closeWriter() throws SQLException {
        if (copy != null) {
            encoder.end();
            send();
            copy.endCopy();
            copy = null;
        }
    }

    @Override
    protected void discardWriter() {
        CopyIn abandoned = copy;
        copy = null;
        encoder.reset();
        if (abandoned != null && abandoned.isActive()) {
            try {
                abandoned.cancelCopy();
            } catch (SQLException e) {
                // The COPY still holds the driver's connection lock, so a rollback would wait for
                // ever (seen when the server stops mid-load). Drop the socket instead: the server
                // rolls back a transaction whose session ends.
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException | RuntimeException ignored) {
                    // Nothing more to do; the connection is unusable either way.
                }
            }
        }
    }

    @Override
    protected void beforeMerge() throws SQLException {
        // Temporary tables are never analyzed automatically; without statistics the planner may
        // pick a nested loop for the merge joins.
        exec("analyzing the staging table", "ANALYZE " + dialect.stagingTable());
    }

    private void send() throws SQLException {
        if (encoder.length() > 0) {
            copy.writeToCopy(encoder.bytes(), 0, encoder.length());
            encoder.reset();
        }
    }
}
