package dev.togglsync.toggl;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read a stream this run.
 *
 * @param incremental ask only for what changed since {@code cursor} (time_entries); other streams
 *     are read whole either way
 * @param cursor the cursor stored by the last committed run, if any
 */
public record ReadRequest(boolean incremental, Optional<Instant> cursor) {
    public ReadRequest {
        Objects.requireNonNull(cursor, "cursor");
    }

    public static ReadRequest fullRefresh() {
        return new ReadRequest(false, Optional.empty());
    }

    public static ReadRequest incremental(Optional<Instant> cursor) {
        return new ReadRequest(true, cursor);
    }
}
