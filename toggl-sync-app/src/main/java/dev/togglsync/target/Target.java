package dev.togglsync.target;

import dev.togglsync.state.StreamState;
import java.util.List;
import java.util.Optional;

/**
 * A database that receives streams. Every implementation keeps stream state in a table
 * {@code _toggl_sync_state} of the target itself and commits it with the stream's rows.
 * Failures are {@link dev.togglsync.TogglSyncException}s with exit code TARGET.
 */
public interface Target extends AutoCloseable {
    /** Starts loading one stream. Creates the schema and table when missing, adds new columns. */
    StreamLoad begin(LoadRequest request);

    /**
     * Commits a load that received no rows and no schema change, when that changes no table: writes
     * only the stream's state row, in one statement (atomic on its own), and returns true. Returns
     * false when the target cannot take this shortcut, and the caller then runs the whole load
     * ({@link #begin}, commit), which also creates a missing table. Why: {@code run --every} sends one
     * time_entries request a cycle, and nearly every answer is empty; a whole load (staging table,
     * merge, catalog reads) was most of a no-change cycle's CPU (issue 19, bench/RESULTS.md).
     */
    default boolean commitWithoutRows(LoadRequest request, StreamState state) {
        return false;
    }

    /** The stored state of one stream, if any. */
    Optional<StreamState> state(String connection, String stream);

    /** Every stored state row, ordered by connection and stream. */
    List<StoredState> states();

    /** Deletes one stream's state; returns whether a row existed. */
    boolean resetState(String connection, String stream);

    /**
     * Checks that loads can write here ({@code conns test}): connects, then creates {@code schema}
     * when missing and a table in it, writes a row and drops the table, all rolled back. Throws
     * the failure a load would meet (exit code TARGET), with the database's reason.
     *
     * @param schema the schema to check; empty = the current schema (where unqualified objects go)
     * @return what was written and removed, and where
     */
    WriteProbe checkWritable(String schema);

    /** A display name safe to print (no password). */
    String describe();

    @Override
    void close();
}
