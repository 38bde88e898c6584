package dev.togglsync.toggl;

import dev.togglsync.state.WindowProgress;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read a stream this run.
 *
 * @param incremental ask only for what changed since {@code cursor} (time_entries); other streams
 *     are read whole either way
 * @param cursor the cursor stored by the last committed run, if any
 * @param windows a windowed stream's stored progress by workspace (report_time_entries): where an
 *     unfinished backfill resumes; a full read ignores it (only its dry run's estimate counts the
 *     stored rows); empty otherwise
 */
public record ReadRequest(boolean incremental, Optional<Instant> cursor, Map<Long, WindowProgress> windows) {
    public ReadRequest {
        Objects.requireNonNull(cursor, "cursor");
        windows = Map.copyOf(windows);
    }

    public ReadRequest(boolean incremental, Optional<Instant> cursor) {
        this(incremental, cursor, Map.of());
    }

    public static ReadRequest incremental(Optional<Instant> cursor, Map<Long, WindowProgress> windows) {
        return new ReadRequest(true, cursor, windows);
    }

    public static ReadRequest fullRefresh() {
        return new ReadRequest(false, Optional.empty());
    }

    public static ReadRequest incremental(Optional<Instant> cursor) {
        return new ReadRequest(true, cursor);
    }
}
