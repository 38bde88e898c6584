package dev.togglsync.engine;

import dev.togglsync.config.Mode;
import dev.togglsync.schema.Rescan;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import dev.togglsync.state.WindowProgress;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.Target;
import dev.togglsync.toggl.Checkpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One stream's load that may commit more than once: the rows go to the target through a writer
 * thread ({@link HandoffSink}), into a load the target begins only when the first row arrives
 * ({@link DeferredLoad}: nothing is created before Toggl answered); at a {@link Checkpoint} of a windowed stream (report_time_entries)
 * the rows so far are committed with that progress, in one transaction, and a fresh load begins.
 * A run stopped later (quota, kill) keeps every committed window and resumes after it.
 *
 * <p>Only incremental mode commits part-way: its upsert makes a window's commit final whatever
 * comes after. Full-refresh and truncate replace the table with exactly what the run read, and a
 * snapshot is one run's rows, so for them a part-way commit would publish a partial table: their
 * checkpoints pass, and the one commit at the end holds everything.
 */
final class CommittingLoad implements RowSink, Checkpoint, AutoCloseable {
    private final Target target;
    private final Clock clock;
    private final String stream;
    private final Optional<RecentRows.Load> recent;
    /** Rows held back as repeats of committed ones ({@link RecentRows}); written after all if a rescan needs them. */
    private final List<Object[]> held = new ArrayList<>();
    private LoadRequest request;
    private DeferredLoad load;
    private HandoffSink handoff;
    private long rowsSinceCommit;
    private long commits;

    CommittingLoad(Target target, LoadRequest request, Clock clock) {
        this(target, request, clock, Optional.empty());
    }

    /** @param recent the rows this process committed lately, whose repeats need not be written again */
    CommittingLoad(Target target, LoadRequest request, Clock clock, Optional<RecentRows.Load> recent) {
        this.recent = recent;
        this.target = target;
        this.request = request;
        this.clock = clock;
        this.stream = request.stream();
        begin();
    }

    private void begin() {
        load = new DeferredLoad(target, request);
        handoff = new HandoffSink(load, stream);
        rowsSinceCommit = 0;
    }

    @Override
    public void accept(Object[] row) {
        if (recent.isPresent() && recent.get().isRepeat(row)) {
            held.add(row);
        } else {
            handoff.accept(row);
        }
        rowsSinceCommit++;
    }

    @Override
    public void schemaChanged(TableSchema schema) {
        writeHeld();
        recent.ifPresent(RecentRows.Load::schemaChanged);
        handoff.schemaChanged(schema);
        // A load begun after the next checkpoint starts with the grown schema.
        request = new LoadRequest(request.table(), schema, request.mode(), request.primaryKey(), request.connection(),
                request.stream());
    }

    @Override
    public void reached(Optional<Instant> cursor, Map<Long, WindowProgress> windows, List<Rescan> rescans) {
        boolean commitNow = switch (request.mode()) {
            case INCREMENTAL -> true;
            case FULL_REFRESH, TRUNCATE, SNAPSHOT -> false;
        };
        if (commitNow) {
            commit(new StreamState(cursor, clock.instant(), rowsSinceCommit, windows), rescans);
            begin();
        }
    }

    /** Commits what is left with the stream's final state; the load is done afterwards. */
    void commit(StreamState state, List<Rescan> rescans) {
        if (!rescans.isEmpty()) {
            // A rescan marks rows of its range missing from the load as deleted: the held-back
            // repeats must be in the load after all.
            writeHeld();
        }
        handoff.finish();
        load.commit(state, rescans);
        held.clear();
        commits++;
        recent.ifPresent(r -> r.committed(state.cursor()));
    }

    private void writeHeld() {
        for (Object[] row : held) {
            handoff.accept(row);
        }
        held.clear();
    }

    /** Commits made so far (windows of a windowed stream, then the final one). */
    long commits() {
        return commits;
    }

    /** Mode as the request says; for the report. */
    Mode mode() {
        return request.mode();
    }

    /** Stops the writer and rolls back what was not committed. */
    @Override
    public void close() {
        try {
            handoff.close();
        } finally {
            load.close();
        }
    }
}
