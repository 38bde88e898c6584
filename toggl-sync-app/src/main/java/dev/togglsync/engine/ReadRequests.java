package dev.togglsync.engine;

import dev.togglsync.config.Mode;
import dev.togglsync.state.StreamState;
import dev.togglsync.toggl.ReadRequest;
import java.util.Optional;

/**
 * What a load asks the source for this run: the one place that decides between reading a stream
 * from its stored cursor and reading it whole. A run and a dry run both ask here, so a dry run lists
 * exactly the requests the run would send.
 */
final class ReadRequests {
    private ReadRequests() {}

    /**
     * Only a stream in incremental mode whose API can filter by change (its spec has a cursor field)
     * reads from the cursor stored by the last committed run; every other stream is read whole, and
     * in incremental mode upserted by its key (DESIGN.md §3).
     *
     * <p>For example: time_entries in incremental mode, with cursor 2026-03-15T12:00:00Z stored, asks
     * for the changes since that cursor (the source subtracts its overlap of 60 s); with nothing stored
     * yet it asks from anchor_date. time_entries in full-refresh mode reads its whole window and
     * ignores the stored cursor. projects in incremental mode has no change filter in the API: it is
     * read whole and upserted.
     */
    static ReadRequest forLoad(PlannedLoad load, Optional<StreamState> stored) {
        boolean fromCursor = load.stream().mode() == Mode.INCREMENTAL && load.stream().spec().incremental();
        java.util.Map<Long, dev.togglsync.state.WindowProgress> windows = stored.map(StreamState::windows).orElse(java.util.Map.of());
        // A full read ignores stored windows; they ride along only for the dry run's request estimate.
        return fromCursor
                ? ReadRequest.incremental(stored.flatMap(StreamState::cursor), windows)
                : new ReadRequest(false, Optional.empty(), windows);
    }
}
