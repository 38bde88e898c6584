package dev.togglsync.simulator;

import java.util.List;
import java.util.TreeMap;

/**
 * Thread-safe log of answered requests, in the order they arrived; bounded so a simulator left
 * running for days does not grow without end. A request is logged after its answer went out, so a
 * client can hold its response, and even send its next request, before the log has the first:
 * entries are kept in arrival order whatever order their handlers finish in, and
 * {@link #snapshot()} first waits (a little) for requests still being handled, so that "every
 * request answered so far" includes the one the caller just got.
 */
final class RequestLog {
    static final int CAPACITY = 100_000;
    /** Longest wait for requests in flight; a deliberately slow answer may take longer, and is then left out. */
    static final long SETTLE_MILLIS = 2_000;

    private final TreeMap<Long, RecordedRequest> entries = new TreeMap<>();
    private long arrivals;
    private int inFlight;

    /** A request arrived; returns its place in the log. */
    synchronized long started() {
        inFlight++;
        return arrivals++;
    }

    synchronized void add(long arrival, RecordedRequest r) {
        entries.put(arrival, r);
        if (entries.size() > CAPACITY) {
            entries.pollFirstEntry();
        }
    }

    /** Ends a request {@link #started()} earlier, logged or not. */
    synchronized void finished() {
        inFlight--;
        notifyAll();
    }

    synchronized List<RecordedRequest> snapshot() {
        settle();
        return List.copyOf(entries.values());
    }

    /**
     * Empties the log once requests in flight are logged: a client can hold its answer before the
     * handler has logged it, and that request must not appear after the clear.
     */
    synchronized void clear() {
        settle();
        entries.clear();
    }

    /** Waits (up to {@link #SETTLE_MILLIS}) until no request is in flight. */
    private void settle() {
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        try {
            for (long left; inFlight > 0 && (left = deadline - System.nanoTime()) > 0; ) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
