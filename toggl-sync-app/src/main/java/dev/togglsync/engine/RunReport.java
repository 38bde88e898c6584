package dev.togglsync.engine;

import dev.togglsync.ExitCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a run: one report per planned stream, and the failure that stopped the run early
 * (authentication, quota, target), if any.
 */
public record RunReport(
        String source, String target, Instant startedAt, Duration elapsed, List<StreamReport> streams,
        Optional<StopReason> stoppedBy) {
    public RunReport {
        streams = List.copyOf(streams);
    }

    /** Why a run stopped before its last stream. */
    public record StopReason(ExitCode exitCode, String message) {}

    /** DESIGN.md §8: the stop reason's code, else 6 when any stream failed, else 0. */
    public ExitCode exitCode() {
        if (stoppedBy.isPresent()) {
            return stoppedBy.get().exitCode();
        }
        return streams.stream().anyMatch(s -> s.status() == StreamStatus.FAILED)
                ? ExitCode.STREAMS_FAILED
                : ExitCode.SUCCESS;
    }

    public long totalRows() {
        return streams.stream().mapToLong(StreamReport::rows).sum();
    }

    public long totalRequests() {
        return streams.stream().mapToLong(StreamReport::requests).sum();
    }
}
