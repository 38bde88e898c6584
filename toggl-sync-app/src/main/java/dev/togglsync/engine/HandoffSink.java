package dev.togglsync.engine;

import dev.togglsync.TogglSyncException;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.TableSchema;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands a stream's rows to a second thread, which writes them to the target, so that reading and
 * converting the next records overlaps with the target's work on the previous ones. Why: on one
 * thread the two add up; loading a million time entries into DuckDB from a saved body took 2.25 s
 * that way and 1.5 s handed off (bench/NOTES.md), because the DuckDB Appender stores each chunk
 * of rows on the calling thread. PostgreSQL, whose server does that work, neither gains nor loses.
 *
 * <p>Rows travel in batches of {@value #BATCH}, at most {@value #IN_FLIGHT} batches ahead of the
 * writer: the reader waits when the writer falls behind, so memory stays bounded whatever the
 * stream's size. Schema changes travel in the same queue, so they reach the target in order.
 *
 * <p>A failure of the writer (a target error) surfaces, as the same exception, at the reader's
 * next {@link #accept} or {@link #schemaChanged}, or at {@link #finish()}; the reader then stops
 * like it would on a direct failure. {@link #finish()} must return before the target's load is
 * committed; {@link #close()} stops the writer without finishing, and returns once it has stopped,
 * so the load can be rolled back without the writer still using its connection.
 */
final class HandoffSink implements RowSink, AutoCloseable {
    static final int BATCH = 512;
    static final int IN_FLIGHT = 4;

    private sealed interface Item permits Batch, SchemaChange, End {}

    private record Batch(Object[][] rows, int size) implements Item {}

    private record SchemaChange(TableSchema schema) implements Item {}

    private record End() implements Item {}

    private final RowSink downstream;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(IN_FLIGHT);
    private final String stream;
    /**
     * Started with the first batch or schema change: a stream that brings no rows (a no-change
     * {@code run --every} cycle) starts no thread.
     */
    private Thread writer;
    private volatile Throwable failure;
    /** Set by close(): the writer drops what is left instead of writing it. */
    private volatile boolean abandoned;
    private Object[][] filling = new Object[BATCH][];
    private int filled;
    private boolean ended;

    /** Hands rows to a writer thread for {@code downstream}; {@code stream} names the thread. */
    HandoffSink(RowSink downstream, String stream) {
        this.downstream = downstream;
        this.stream = stream;
    }

    @Override
    public void accept(Object[] row) {
        rethrowFailure();
        filling[filled++] = row;
        if (filled == BATCH) {
            handOverBatch();
        }
    }

    @Override
    public void schemaChanged(TableSchema schema) {
        rethrowFailure();
        handOverBatch();
        put(new SchemaChange(schema));
    }

    /** Hands over what is left and waits until the writer has written it all; rethrows its failure. */
    void finish() {
        rethrowFailure();
        handOverBatch();
        end();
        rethrowFailure();
    }

    /** Stops the writer (dropping rows not yet written, unless finished) and waits until it has. */
    @Override
    public void close() {
        if (ended) {
            return;
        }
        abandoned = true;
        queue.clear();
        end();
    }

    private void end() {
        ended = true;
        if (writer == null) {
            return; // nothing was handed over: no thread to stop
        }
        put(new End());
        boolean interrupted = false;
        while (true) {
            try {
                writer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the writer is stopping anyway; waiting for it keeps the connection safe
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void handOverBatch() {
        if (filled > 0) {
            Object[][] full = filling;
            int size = filled;
            filling = new Object[BATCH][];
            filled = 0;
            put(new Batch(full, size));
        }
    }

    /** Waits for room in the queue; gives up when the writer has stopped (its failure is rethrown). */
    private void put(Item item) {
        if (writer == null) {
            writer = new Thread(this::write, "toggl-sync-writer-" + stream);
            writer.setDaemon(true);
            writer.start();
        }
        try {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                if (!writer.isAlive()) {
                    rethrowFailure();
                    return; // nothing will read it: the writer ended already
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = true;
            throw TogglSyncException.unexpected("interrupted while handing rows to the target");
        }
    }

    private void rethrowFailure() {
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    /** The writer thread: takes batches in order until End, or until a write fails. */
    private void write() {
        try {
            while (true) {
                Item item = queue.take();
                if (item instanceof Batch b) {
                    for (int i = 0; i < b.size() && !abandoned; i++) {
                        downstream.accept(b.rows()[i]);
                    }
                } else if (item instanceof SchemaChange c) {
                    if (!abandoned) {
                        downstream.schemaChanged(c.schema());
                    }
                } else {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Nobody interrupts this thread; if someone did, stop like close().
        } catch (RuntimeException | Error e) {
            failure = e;
            queue.clear(); // unblocks a reader waiting for room; it sees the failure next
        }
    }
}
