package dev.togglsync.toggl;

import dev.togglsync.schema.Rescan;
import dev.togglsync.state.WindowProgress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a windowed stream (report_time_entries) tells its reader's caller that the rows sent so
 * far and a progress value belong together: commit them now, in one transaction, so that a run
 * stopped later resumes after this point. Streams read in one piece never call it.
 */
@FunctionalInterface
public interface Checkpoint {
    /** For callers that commit once at the end (and for reads whose mode cannot commit part-way). */
    Checkpoint NONE = (cursor, windows, rescans) -> {};

    /**
     * @param cursor the stream's cursor so far (the newest {@code at} of every workspace)
     * @param windows by workspace id, every workspace's progress so far
     * @param rescans ranges re-read in full since the last checkpoint, whose stored rows not sent again are gone
     */
    void reached(Optional<Instant> cursor, Map<Long, WindowProgress> windows, List<Rescan> rescans);
}
