package dev.togglsync.simulator;

import java.util.ArrayDeque;
import java.util.List;

/** Thread-safe log of answered requests; bounded so a simulator left running for days does not grow without end. */
final class RequestLog {
    static final int CAPACITY = 100_000;

    private final ArrayDeque<RecordedRequest> entries = new ArrayDeque<>();

    synchronized void add(RecordedRequest r) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(r);
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }
}
