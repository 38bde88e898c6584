package dev.togglsync.engine;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Mode;
import dev.togglsync.http.UnreachableHostException;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.Target;
import dev.togglsync.toggl.ReadRequest;
import dev.togglsync.toggl.StreamResult;
import dev.togglsync.toggl.TogglSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives a run ({@link Engine#run}): for each stream in dependency order, read → write → commit rows
 * and state together; what a stream asks the source for is {@link ReadRequests}'s decision. Reading
 * and writing overlap: rows are handed to a writer thread ({@link HandoffSink}).
 *
 * <p>A stream's failure rolls back only that stream: streams already committed stay committed, and
 * the run goes on with the next stream (exit 6 at the end). Failures that would fail every later
 * stream too stop the run: authentication (3), quota exhausted beyond the wait (4), target (5); the
 * streams not attempted are reported as "not run" and a rerun picks them up.
 */
final class ReplicationRunner {
    private static final Logger LOG = Logger.getLogger(ReplicationRunner.class.getName());

    private final TogglSource source;
    private final Target target;
    private final String connection;
    private final Clock clock;
    private final RunListener listener;
    private final StopSignal stop;
    private final RecentRows recent;

    ReplicationRunner(TogglSource source, Target target, String connection, Clock clock, RunListener listener,
            StopSignal stop, RecentRows recent) {
        this.recent = recent;
        this.source = source;
        this.target = target;
        this.connection = connection;
        this.clock = clock;
        this.listener = listener;
        this.stop = stop;
    }

    RunReport run(String targetName, List<PlannedLoad> loads) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        List<StreamReport> reports = new ArrayList<>();
        Optional<RunReport.StopReason> stopReason = Optional.empty();
        for (PlannedLoad load : loads) {
            // One way to be asked to stop, for a single run (SIGINT/SIGTERM, issue 16) and for
            // run --every (issue 19) alike: the StopSignal the CLI requests.
            if (stopReason.isEmpty() && stop.requested()) {
                stopReason = Optional.of(stoppedOnRequest());
            }
            if (stopReason.isPresent()) {
                reports.add(StreamReport.notRun(load));
                continue;
            }
            listener.streamStarted(load);
            long requestsBefore = source.requests();
            long s0 = System.nanoTime();
            StreamReport report;
            try {
                report = runOne(load, requestsBefore, s0);
            } catch (RuntimeException e) {
                report = failed(load, e, requestsBefore, s0);
                if (e instanceof StopSignal.Stopped || stop.requested()) {
                    stopReason = Optional.of(stoppedOnRequest());
                } else if (stopsTheRun(e)) {
                    stopReason = Optional.of(new RunReport.StopReason(((TogglSyncException) e).exitCode(), e.getMessage()));
                }
            }
            reports.add(report);
            listener.streamFinished(report);
        }
        return new RunReport(connection, targetName, started, Duration.ofNanos(System.nanoTime() - t0), reports, stopReason);
    }

    private StreamReport runOne(PlannedLoad load, long requestsBefore, long s0) {
        StreamSpec spec = load.stream().spec();
        Mode mode = load.stream().mode();
        ReadRequest read = ReadRequests.forLoad(load, target.state(connection, spec.name()));
        LoadRequest request = new LoadRequest(load.table(), load.schema(), mode, load.primaryKey(), connection, spec.name());
        try (CommittingLoad committing = new CommittingLoad(target, request, clock, recent.forLoad(load))) {
            RowSink sink = new CountingSink(committing, rows -> listener.rowsLoaded(load, rows), stop);
            if (!load.selection().isAll()) {
                sink = new SelectingSink(load.selection(), spec.schema(), sink);
            }
            if (load.stream().options().workspaceIds().isPresent()) {
                sink = new WorkspaceFilterSink(load.stream().options().workspaceIds().get(), spec.schema(), sink);
            }
            // A windowed stream commits each finished window through the checkpoint (incremental mode).
            StreamResult result = source.read(spec, read, sink, committing);
            // The source's count, not the sink's: rows of an attempt whose body broke off reached
            // the sink before the retry sent them again (the target keeps one copy per key).
            committing.commit(new StreamState(result.cursor(), clock.instant(), result.records(), result.windows()), List.of());
            return new StreamReport(spec.name(), mode, load.table().toString(), result.records(),
                    source.requests() - requestsBefore, Duration.ofNanos(System.nanoTime() - s0),
                    StreamStatus.SUCCESS, Optional.empty(), result.warnings());
        }
    }

    private StreamReport failed(PlannedLoad load, RuntimeException e, long requestsBefore, long s0) {
        String message = e instanceof TogglSyncException || e instanceof StopSignal.Stopped ? e.getMessage()
                : "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.log(Level.WARNING, load.name() + ": failed, nothing of it was committed: " + message);
        LOG.log(Level.FINE, load.name() + ": failure detail", e);
        return new StreamReport(load.name(), load.stream().mode(), load.table().toString(), 0,
                source.requests() - requestsBefore, Duration.ofNanos(System.nanoTime() - s0), StreamStatus.FAILED,
                Optional.of(message), List.of());
    }

    /**
     * A requested stop ends the run like a failure that would fail every later stream, but it is
     * not one: its exit code is 0, and the command decides what a stop exits with ({@code run
     * --every}: 0, issue 19; a single run: 130/143 after SIGINT/SIGTERM, issue 16, cli/Interrupts).
     */
    private RunReport.StopReason stoppedOnRequest() {
        return new RunReport.StopReason(ExitCode.SUCCESS, "stopped on request (" + stop.reason().orElse("stop")
                + "): the stream in flight was rolled back, committed streams stay");
    }

    private static boolean stopsTheRun(RuntimeException e) {
        if (e instanceof UnreachableHostException) {
            return true; // every later stream would fail the same way
        }
        if (!(e instanceof TogglSyncException t)) {
            return false;
        }
        ExitCode code = t.exitCode();
        return code == ExitCode.AUTHENTICATION || code == ExitCode.QUOTA_EXHAUSTED || code == ExitCode.TARGET;
    }

    /** Counts rows on their way to the target and reports progress every so often. */
    private static final class CountingSink implements RowSink {
        private static final long REPORT_EVERY = 1_000;
        private final RowSink downstream;
        private final java.util.function.LongConsumer progress;
        private final StopSignal stop;
        private long rows;

        CountingSink(RowSink downstream, java.util.function.LongConsumer progress, StopSignal stop) {
            this.downstream = downstream;
            this.progress = progress;
            this.stop = stop;
        }

        @Override
        public void schemaChanged(TableSchema schema) {
            stop.check();
            downstream.schemaChanged(schema);
        }

        @Override
        public void accept(Object[] row) {
            // A stop ends the stream at its next row: the exception unwinds through the load, which
            // rolls back (the row is not written).
            stop.check();
            downstream.accept(row);
            if (++rows % REPORT_EVERY == 0) {
                progress.accept(rows);
            }
        }
    }
}
