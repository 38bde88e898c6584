package dev.togglsync.engine;

import dev.togglsync.ExitCode;
import dev.togglsync.http.QuotaBucket;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One cycle of {@code run --every}.
 *
 * @param cycle 1, 2, ...
 * @param refresh whether the whole-read streams ran in it
 * @param run the run's report; empty when the cycle failed before a run could start (target unreachable)
 * @param outcome the cycle's exit code as a single run would end with it
 * @param failure why it failed, for a log and {@code /healthz}; empty on success
 * @param requests the requests it sent per quota bucket
 * @param finishedAt when it ended
 */
public record CycleReport(long cycle, boolean refresh, Optional<RunReport> run, ExitCode outcome,
        Optional<String> failure, Map<QuotaBucket, Integer> requests, Instant finishedAt) {
    public CycleReport {
        requests = Map.copyOf(requests);
    }

    public boolean succeeded() {
        return outcome == ExitCode.SUCCESS;
    }
}
