package dev.togglsync.target;

import dev.togglsync.schema.RowSink;
import dev.togglsync.state.StreamState;

/**
 * One stream's load in progress. Rows pushed through {@link RowSink} are invisible to readers until
 * {@link #commit}, which makes the rows and the stream's new state visible in one transaction.
 * {@link #close()} without a commit rolls everything back and leaves the table as it was.
 */
public interface StreamLoad extends RowSink, AutoCloseable {
    /** Writes the stream's rows and {@code state} atomically. */
    void commit(StreamState state);

    /** Rows received so far. */
    long rows();

    @Override
    void close();
}
