package dev.togglsync.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Where a task's account readers hand finished stream reads to {@code poll()}. A read travels as
 * one unit and {@link #drain} never splits one: with exactly-once enabled, Connect commits each
 * poll batch with its offsets in one transaction, so every commit holds whole reads and their new
 * offsets, never half a read after which the old offset would send the first half again.
 */
final class Outbox {
    /** poll() returns within this; Connect expects it to come back within a second. */
    static final long WAIT_MILLIS = 500;
    /** Units of more records than this still go whole; smaller ones are not added past it. */
    static final int BATCH_RECORDS = 5_000;

    private final BlockingQueue<List<SourceRecord>> units;
    private final AtomicReference<ConnectException> failure = new AtomicReference<>();
    private volatile boolean closed;

    Outbox(int capacityUnits) {
        this.units = new ArrayBlockingQueue<>(capacityUnits);
    }

    /** Blocks while the outbox is full; returns false (the unit dropped) once it is closed. */
    boolean put(List<SourceRecord> unit) throws InterruptedException {
        while (!closed) {
            if (units.offer(unit, 200, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The task failed for good (every account of it did, see {@link AccountHealth}): once the
     * units handed over before are drained, poll() throws it and the task fails with it.
     */
    void fail(ConnectException e) {
        failure.compareAndSet(null, e);
    }

    /**
     * Whole units ready now, waiting at most {@link #WAIT_MILLIS} for the first; null if none.
     * Throws the task's failure only once nothing is left, so the failed accounts' status
     * records still reach Kafka before the task stops.
     */
    List<SourceRecord> drain() throws InterruptedException {
        List<SourceRecord> first = units.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
            throwIfFailed();
            return null;
        }
        List<SourceRecord> batch = new ArrayList<>(first);
        List<SourceRecord> next;
        while (batch.size() < BATCH_RECORDS && (next = units.poll()) != null) {
            batch.addAll(next);
        }
        return batch;
    }

    void close() {
        closed = true;
        units.clear();
    }

    private void throwIfFailed() {
        ConnectException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
