package dev.togglsync.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code rate} requests per second, one at a time: each request starts no earlier than
 * 1/rate seconds after the previous one started (Toggl's documented safe burst rate is 1/s).
 */
final class Pacing implements Transport {
    private final Transport next;
    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant lastStart;

    Pacing(Transport next, double rate, Clock clock, Sleeper sleeper) {
        this.next = next;
        this.interval = Duration.ofNanos((long) (1_000_000_000d / rate));
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public synchronized Response send(Request request) throws IOException {
        if (lastStart != null) {
            Duration early = Duration.between(clock.instant(), lastStart.plus(interval));
            if (!early.isNegative() && !early.isZero()) {
                sleeper.sleep(early);
            }
        }
        lastStart = clock.instant();
        return next.send(request);
    }
}
