package dev.togglsync.engine;

import dev.togglsync.schema.Rescan;
import java.util.List;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.Target;

/**
 * A stream's load that starts in the target only when its first row (or schema change) arrives,
 * or at the commit of a stream with no rows: a stream whose first request fails (a refused
 * token, an unknown host) creates no schema, table or state table (DESIGN.md §6).
 */
final class DeferredLoad implements RowSink, AutoCloseable {
    private final Target target;
    private final LoadRequest request;
    private StreamLoad load;

    DeferredLoad(Target target, LoadRequest request) {
        this.target = target;
        this.request = request;
    }

    private StreamLoad load() {
        if (load == null) {
            load = target.begin(request);
        }
        return load;
    }

    @Override
    public void schemaChanged(TableSchema schema) {
        load().schemaChanged(schema);
    }

    @Override
    public void accept(Object[] row) {
        load().accept(row);
    }

    /**
     * Commits the rows with {@code state}. A load that never started (no row, no schema change, no
     * rescan to mark) first offers the target to write the state alone
     * ({@link Target#commitWithoutRows}): a no-change {@code run --every} cycle then costs one
     * statement instead of a whole load.
     */
    void commit(StreamState state, List<Rescan> rescans) {
        if (load == null && rescans.isEmpty() && target.commitWithoutRows(request, state)) {
            return;
        }
        load().commit(state, rescans);
    }

    /** Rolls back a started load that was not committed; nothing to do for one never started. */
    @Override
    public void close() {
        if (load != null) {
            load.close();
        }
    }
}
