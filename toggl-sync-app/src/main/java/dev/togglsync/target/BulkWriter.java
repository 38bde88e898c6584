package dev.togglsync.target;

import dev.togglsync.schema.TableSchema;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A database's fastest way to put one load's rows into a table (PostgreSQL's binary COPY, DuckDB's
 * Appender), on the load's own connection and inside its transaction. The load opens it once per
 * schema version: a column arriving mid-load finishes the writer, adds the column and opens it again.
 */
public interface BulkWriter {
    /** The staging table's first column, the row's arrival number; it never reaches a target table. */
    String SEQ = "_toggl_sync_seq";

    /**
     * Opens the writer for {@code schema}'s columns: into {@code replacement}, a table of exactly those
     * columns, when present; else into the staging table ({@link SqlDialect#stagingTable()}), which
     * holds {@value #SEQ} first and then those columns.
     */
    void open(TableSchema schema, Optional<TableName> replacement) throws SQLException;

    /**
     * Writes one row; {@code row} may be shorter than the schema (missing trailing values are null).
     * {@code seq} is written only into the staging table.
     */
    void write(long seq, Object[] row) throws SQLException;

    /** Flushes and ends the writer so that SQL can see every row written; nothing to do when not open. */
    void finish() throws SQLException;

    /** Drops the writer after a failure or without a commit; must not throw. */
    void discard();
}
