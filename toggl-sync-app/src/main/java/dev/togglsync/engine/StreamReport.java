package dev.togglsync.engine;

import dev.togglsync.config.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What happened to one stream in a run: one line of the summary table. */
public record StreamReport(
        String stream,
        Mode mode,
        String object,
        long rows,
        long requests,
        Duration elapsed,
        StreamStatus status,
        Optional<String> error,
        List<String> warnings) {
    public StreamReport {
        warnings = List.copyOf(warnings);
    }

    static StreamReport notRun(PlannedLoad load) {
        return new StreamReport(load.stream().spec().name(), load.stream().mode(), load.table().toString(), 0, 0,
                Duration.ZERO, StreamStatus.NOT_RUN, Optional.empty(), List.of());
    }
}
