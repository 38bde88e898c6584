package dev.togglsync.simulator;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Thread-safe log of answered requests; bounded so a simulator left running for days does not grow
 * without end. A request is logged after its answer went out, so a client can hold its response a
 * moment before the log has it: {@link #snapshot()} first waits (a little) for requests still being
 * handled, so that "every request answered so far" includes the one the caller just got.
 */
final class RequestLog {
    static final int CAPACITY = 100_000;
    /** Longest wait for requests in flight; a deliberately slow answer may take longer, and is then left out. */
    static final long SETTLE_MILLIS = 2_000;

    private final ArrayDeque<RecordedRequest> entries = new ArrayDeque<>();
    private int inFlight;

    synchronized void started() {
        inFlight++;
    }

    synchronized void add(RecordedRequest r) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(r);
    }

    /** Ends a request {@link #started()} earlier, logged or not. */
    synchronized void finished() {
        inFlight--;
        notifyAll();
    }

    synchronized List<RecordedRequest> snapshot() {
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        try {
            for (long left; inFlight > 0 && (left = deadline - System.nanoTime()) > 0; ) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }
}
