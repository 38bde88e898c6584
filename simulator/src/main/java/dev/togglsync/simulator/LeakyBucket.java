package dev.togglsync.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The legacy burst limit (toggl-api.md §3.1): each request adds one drop, the bucket drains at
 * {@code perSecond}; a request that would overflow {@code capacity} gets 429 and adds nothing.
 */
final class LeakyBucket {
    private final Clock clock;
    private final double perSecond;
    private final int capacity;
    private double level;
    private Instant last;

    LeakyBucket(Clock clock, double perSecond, int capacity) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.capacity = capacity;
    }

    /** True when the request may pass; always true when the limit is off (rate 0). */
    synchronized boolean admit() {
        if (perSecond <= 0) {
            return true;
        }
        Instant now = clock.instant();
        if (last != null) {
            double elapsed = Duration.between(last, now).toNanos() / 1e9;
            level = Math.max(0, level - Math.max(0, elapsed) * perSecond);
        }
        last = now;
        if (level + 1 > capacity + 1e-9) {
            return false;
        }
        level += 1;
        return true;
    }
}
