package dev.togglsync.target.postgres;

import dev.togglsync.schema.Column;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.target.BulkWriter;
import dev.togglsync.target.TableName;
import java.sql.Connection;
import java.sql.SQLException;
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
final class CopyWriter implements BulkWriter {
    private final Connection connection;
    private final CopyManager copyManager;
    private final CopyEncoder encoder = new CopyEncoder();
    private CopyIn copy;

    /** @param connection the load's connection */
    CopyWriter(Connection connection) throws SQLException {
        this.connection = connection;
        this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    @Override
    public void open(TableSchema schema, Optional<TableName> replacement) throws SQLException {
        PostgresDialect dialect = PostgresDialect.INSTANCE;
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
    public void write(long seq, Object[] row) throws SQLException {
        encoder.row(seq, row);
        if (encoder.length() >= CopyEncoder.FLUSH_AT) {
            send();
        }
    }

    @Override
    public void finish() throws SQLException {
        if (copy != null) {
            encoder.end();
            send();
            copy.endCopy();
            copy = null;
        }
    }

    @Override
    public void discard() {
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

    private void send() throws SQLException {
        if (encoder.length() > 0) {
            copy.writeToCopy(encoder.bytes(), 0, encoder.length());
            encoder.reset();
        }
    }
}
