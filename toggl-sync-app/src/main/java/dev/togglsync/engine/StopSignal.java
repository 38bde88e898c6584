package dev.togglsync.engine;

import dev.togglsync.http.Sleeper;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop, from outside the run (the CLI sets it on SIGINT/SIGTERM): the stream in flight
 * is rolled back (its next row, or its next wait, ends it), the streams after it are not started, and
 * {@code run --every} sleeps no more. The one place a stop is asked for and noticed, so that the
 * single-run interrupt handling of issue 16 and the {@code --every} loop share it: the CLI holds one
 * per process, the engine only reads it.
 */
public final class StopSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile String reason;

    /** Thrown where a run notices the stop: inside a stream, so that the stream rolls back. */
    public static final class Stopped extends RuntimeException {
        Stopped(String reason) {
            super("stopped on request (" + reason + ")", null, false, false);
        }
    }

    /** Never stops: for the callers that have no signal to pass. */
    public static StopSignal never() {
        return new StopSignal();
    }

    public static StopSignal create() {
        return new StopSignal();
    }

    /** Asks the run to stop; the first reason given is kept ("SIGTERM", "SIGINT", a test's name). */
    public void request(String why) {
        synchronized (this) {
            if (reason == null) {
                reason = why;
            }
        }
        requested.countDown();
    }

    public boolean requested() {
        return requested.getCount() == 0;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** Throws {@link Stopped} once a stop was requested. */
    void check() {
        if (requested()) {
            throw new Stopped(reason);
        }
    }

    /**
     * Waits {@code duration} unless a stop comes first.
     *
     * @return true when the wait was cut short by a stop
     */
    public boolean await(Duration duration) {
        try {
            return requested.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request("interrupted");
            return true;
        }
    }

    /**
     * A sleeper for the HTTP layer's waits (pacing, backoff, quota resets) that a stop cuts short by
     * throwing {@link Stopped}, so an hour's quota wait does not hold up a SIGTERM.
     */
    public Sleeper sleeper() {
        return duration -> {
            if (await(duration)) {
                throw new Stopped(reason);
            }
        };
    }
}
