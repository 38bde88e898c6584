package dev.togglsync.cli;

import dev.togglsync.config.DurationText;
import dev.togglsync.engine.CycleListener;
import dev.togglsync.engine.CycleReport;
import dev.togglsync.engine.PlannedLoad;
import dev.togglsync.engine.RunListener;
import dev.togglsync.engine.StreamReport;
import dev.togglsync.http.QuotaBucket;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code run --every} shows and serves: the progress display for the streams of each cycle,
 * one line per cycle and the cadence on stderr, and the same events for {@code /healthz} and
 * {@code /metrics}.
 */
final class EveryOutput implements CycleListener {
    private final RunListener progress;
    private final List<CycleListener> others;
    private final PrintWriter err;
    private final boolean quiet;

    EveryOutput(RunListener progress, List<CycleListener> others, PrintWriter err, boolean quiet) {
        this.progress = progress;
        this.others = List.copyOf(others);
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void streamStarted(PlannedLoad load) {
        progress.streamStarted(load);
    }

    @Override
    public void rowsLoaded(PlannedLoad load, long rows) {
        progress.rowsLoaded(load, rows);
    }

    @Override
    public void streamFinished(StreamReport report) {
        progress.streamFinished(report);
    }

    @Override
    public void cadence(String explanation, Duration interval) {
        // Always shown, -q or not: it says what the budget made of --every.
        err.println("every: " + explanation);
        err.flush();
        others.forEach(o -> o.cadence(explanation, interval));
    }

    @Override
    public void cycleStarted(long cycle, boolean refresh) {
        others.forEach(o -> o.cycleStarted(cycle, refresh));
    }

    @Override
    public void cycleFinished(CycleReport report) {
        others.forEach(o -> o.cycleFinished(report));
        if (!quiet || !report.succeeded()) {
            long rows = report.run().map(r -> r.totalRows()).orElse(0L);
            String seconds = report.run().map(r -> String.format(java.util.Locale.ROOT, "%.1f s", r.elapsed().toMillis() / 1000.0))
                    .orElse("-");
            err.println("cycle " + report.cycle() + ": " + (report.succeeded() ? "success" : "failed") + ", "
                    + (report.refresh() ? "all streams" : "time_entries only") + ", " + rows + " rows, requests "
                    + requests(report.requests()) + ", " + seconds
                    + report.failure().map(f -> ": " + f).orElse(""));
            err.flush();
        }
    }

    @Override
    public void sleeping(Instant until, String why) {
        others.forEach(o -> o.sleeping(until, why));
    }

    private static String requests(Map<QuotaBucket, Integer> requests) {
        if (requests.isEmpty()) {
            return "none";
        }
        return requests.entrySet().stream().map(e -> e.getKey().label() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String format(Duration d) {
        return DurationText.format(d);
    }
}
