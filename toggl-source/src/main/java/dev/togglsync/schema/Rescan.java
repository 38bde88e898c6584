package dev.togglsync.schema;

import java.time.Instant;
import java.util.Objects;

/**
 * What a re-read of a range proved gone: every stored row of the stream whose {@code scopeColumn}
 * equals {@code scopeValue} and whose {@code rangeColumn} lies in {@code [from, to)} was asked for
 * again, so a stored row of that range which this commit did not load again is no longer upstream.
 * The target stamps {@code flagColumn} on those rows (when not stamped yet); rows loaded again carry
 * a null flag, which clears a stamp from an earlier rescan. Meaningful in incremental mode only:
 * the other modes replace or append, so nothing stored survives unread.
 *
 * <p>Example (report_time_entries): flag {@code _toggl_sync_deleted_at}, scope {@code workspace_id}
 * = 1000001, range {@code start} in [2026-02-03T23:00Z, 2026-03-10T23:00Z): the 35 days before
 * today in Europe/Berlin, read in full this run.
 */
public record Rescan(String flagColumn, String scopeColumn, long scopeValue, String rangeColumn, Instant from, Instant to) {
    public Rescan {
        Objects.requireNonNull(flagColumn, "flagColumn");
        Objects.requireNonNull(scopeColumn, "scopeColumn");
        Objects.requireNonNull(rangeColumn, "rangeColumn");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
