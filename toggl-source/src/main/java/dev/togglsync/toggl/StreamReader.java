package dev.togglsync.toggl;

import dev.togglsync.schema.RowSink;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One way of reading streams: {@link TogglSource} picks one per stream with an exhaustive switch
 * over {@link TogglStream}, and sends both the read and its plan to it, so that what a dry run
 * lists and what a run sends come from one place.
 */
interface StreamReader {
    /** Reads {@code stream} into {@code sink}; warnings go to {@code warnings}, prefixed with the stream name. */
    Outcome read(TogglStream stream, ReadRequest request, RowSink sink, List<String> warnings);

    /** The requests {@link #read} would start with, without sending any. */
    List<PlannedRequest> plan(TogglStream stream, ReadRequest request);

    /** The cursor to store (empty for streams without one) and the records read. */
    record Outcome(Optional<Instant> cursor, long records) {
        static Outcome records(long records) {
            return new Outcome(Optional.empty(), records);
        }
    }
}
