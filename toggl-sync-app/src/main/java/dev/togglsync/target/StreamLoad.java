package dev.togglsync.target;

import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.Rescan;
import dev.togglsync.state.StreamState;
import java.util.List;

/**
 * One stream's load in progress. Rows pushed through {@link RowSink} are invisible to readers until
 * {@link #commit}, which makes the rows and the stream's new state visible in one transaction.
 * {@link #close()} without a commit rolls everything back and leaves the table as it was.
 */
public interface StreamLoad extends RowSink, AutoCloseable {
    /** Writes the stream's rows and {@code state} atomically. */
    default void commit(StreamState state) {
        commit(state, List.of());
    }

    /**
     * Writes the stream's rows and {@code state} atomically, and in the same transaction stamps the
     * stored rows of each rescanned range that these rows did not bring again (incremental mode).
     */
    void commit(StreamState state, List<Rescan> rescans);

    /** Rows received so far. */
    long rows();

    @Override
    void close();
}
