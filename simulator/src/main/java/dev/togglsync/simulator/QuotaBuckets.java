package dev.togglsync.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Toggl's hourly quotas (toggl-api.md §3.2): one bucket for the user ({@code /me...}) and one per
 * organization (workspace and Reports paths). A window starts at the first request that counts
 * and lasts {@link SimulatorConfig#quotaWindow()}; after it the count starts again. Time is read
 * from the simulator clock, so a test can pass the hour with {@link ManualClock#advance}.
 */
public final class QuotaBuckets {
    /** A bucket as {@code GET /me/quota} reports it; {@code organizationId} null = the user bucket. */
    public record Status(Long organizationId, int remaining, long resetsInSeconds, int total) {}

    private static final class Bucket {
        final int total;
        Instant windowStart;
        int used;

        Bucket(int total) {
            this.total = total;
        }
    }

    private final Clock clock;
    private final Duration window;
    private final Bucket user;
    private final Map<Long, Bucket> organizations = new LinkedHashMap<>();

    QuotaBuckets(Clock clock, Duration window, int userTotal, Map<Long, Integer> organizationTotals) {
        this.clock = clock;
        this.window = window;
        this.user = new Bucket(userTotal);
        organizationTotals.forEach((id, total) -> organizations.put(id, new Bucket(total)));
    }

    public synchronized Status user() {
        return status(null, user, clock.instant());
    }

    public synchronized Status organization(long organizationId) {
        return status(organizationId, bucket(organizationId), clock.instant());
    }

    /** Every organization, then the user bucket: the body of {@code GET /me/quota}. */
    public synchronized List<Status> all() {
        Instant now = clock.instant();
        List<Status> all = new ArrayList<>();
        organizations.forEach((id, b) -> all.add(status(id, b, now)));
        all.add(status(null, user, now));
        return all;
    }

    /** Uses up the user bucket's window, so the next {@code /me} request gets the quota 402. */
    public synchronized void exhaustUser() {
        exhaust(user);
    }

    public synchronized void exhaustOrganization(long organizationId) {
        exhaust(bucket(organizationId));
    }

    /** Every bucket back to full, windows not started. */
    public synchronized void reset() {
        user.windowStart = null;
        user.used = 0;
        organizations.values().forEach(b -> {
            b.windowStart = null;
            b.used = 0;
        });
    }

    /**
     * Counts one request against the bucket ({@code organizationId} null = user bucket).
     * Returns the status after counting, or null when the bucket was already empty (the request
     * is refused with 402 and not counted).
     */
    synchronized Status consume(Long organizationId) {
        Bucket b = organizationId == null ? user : bucket(organizationId);
        Instant now = clock.instant();
        roll(b, now);
        if (b.used >= b.total) {
            return null;
        }
        if (b.windowStart == null) {
            b.windowStart = now;
        }
        b.used++;
        return status(organizationId, b, now);
    }

    synchronized Status peek(Long organizationId) {
        return organizationId == null ? user() : organization(organizationId);
    }

    private Bucket bucket(long organizationId) {
        Bucket b = organizations.get(organizationId);
        if (b == null) {
            throw new IllegalArgumentException("simulator quota: no organization " + organizationId + "; organizations are "
                    + organizations.keySet());
        }
        return b;
    }

    private void exhaust(Bucket b) {
        Instant now = clock.instant();
        roll(b, now);
        if (b.windowStart == null) {
            b.windowStart = now;
        }
        b.used = b.total;
    }

    private void roll(Bucket b, Instant now) {
        if (b.windowStart != null && !now.isBefore(b.windowStart.plus(window))) {
            b.windowStart = null;
            b.used = 0;
        }
    }

    private Status status(Long organizationId, Bucket b, Instant now) {
        roll(b, now);
        long resetsIn = b.windowStart == null
                ? window.toSeconds()
                : ceilSeconds(Duration.between(now, b.windowStart.plus(window)));
        return new Status(organizationId, Math.max(0, b.total - b.used), resetsIn, b.total);
    }

    private static long ceilSeconds(Duration d) {
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }
}
