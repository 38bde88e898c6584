package dev.togglsync.toggl;

import dev.togglsync.state.WindowProgress;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What reading one stream did.
 *
 * @param cursor the cursor to store with this run's rows (time_entries: the newest {@code at});
 *     empty for streams without one
 * @param records records read (a window read again after a cap or a retried body counts once)
 * @param requests HTTP requests this stream sent, retries included
 * @param warnings one line each, prefixed with the stream name: what was skipped or adjusted and why
 * @param windows a windowed stream's progress by workspace, to store with the last rows; empty otherwise
 */
public record StreamResult(Optional<Instant> cursor, long records, long requests, List<String> warnings,
        Map<Long, WindowProgress> windows) {
    public StreamResult {
        Objects.requireNonNull(cursor, "cursor");
        warnings = List.copyOf(warnings);
        windows = Map.copyOf(windows);
    }

    public StreamResult(Optional<Instant> cursor, long records, long requests, List<String> warnings) {
        this(cursor, records, requests, warnings, Map.of());
    }
}
