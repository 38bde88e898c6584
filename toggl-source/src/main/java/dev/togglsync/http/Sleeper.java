package dev.togglsync.http;

import dev.togglsync.TogglSyncException;
import java.time.Duration;

/**
 * Every wait of the HTTP layer (pacing, backoff, quota resets) goes through this, so that tests
 * of a one-hour quota wait run in milliseconds with a sleeper that only advances a clock.
 */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration);

    /** Really sleeps; an interrupt ends the run instead of being swallowed. */
    Sleeper SYSTEM = duration -> {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TogglSyncException.unexpected("interrupted while waiting " + duration.toSeconds() + " s");
        }
    };
}
