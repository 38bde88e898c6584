package dev.togglsync.engine;

import dev.togglsync.http.HttpListener;
import dev.togglsync.http.QuotaBucket;
import dev.togglsync.http.RequestEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --quota-budget} ledger of {@code run --every}: every request the source sends, per
 * quota bucket, over the last hour (a sliding hour is stricter than Toggl's window anchored at its
 * first request, so keeping within it keeps within Toggl's too), and how large each bucket is.
 *
 * <p>Toggl does not send a bucket's size, only what is left and when the window resets. The size is
 * estimated as remaining + what this process sent since the window started (window start = now +
 * resets-in − 1 h): other clients' requests only make the estimate smaller, so it never exceeds the
 * real size. Until a bucket has answered, it is assumed to be Free's {@value #ASSUMED_TOTAL} an hour,
 * the smallest any plan has. Memory is bounded: a bucket keeps at most an hour of its own requests,
 * which the budget caps at its allowance.
 */
final class QuotaBudget implements HttpListener {
    static final Duration HOUR = Duration.ofHours(1);
    static final long ASSUMED_TOTAL = 30;

    private static final class Bucket {
        final ArrayDeque<Instant> sent = new ArrayDeque<>();
        long total = ASSUMED_TOTAL;
        long remaining = -1;
        Optional<Instant> resetsAt = Optional.empty();
    }

    private final Clock clock;
    private final int percent;
    private final Map<QuotaBucket, Bucket> buckets = new LinkedHashMap<>();
    private final Map<QuotaBucket, Integer> cycle = new HashMap<>();

    QuotaBudget(Clock clock, int percent) {
        this.clock = clock;
        this.percent = percent;
    }

    @Override
    public synchronized void requestSent(RequestEvent event) {
        Instant now = clock.instant();
        Bucket b = buckets.computeIfAbsent(event.bucket(), k -> new Bucket());
        prune(b, now);
        b.sent.addLast(now);
        cycle.merge(event.bucket(), 1, Integer::sum);
        if (event.quotaRemaining().isPresent()) {
            long remaining = event.quotaRemaining().getAsLong();
            b.remaining = remaining;
            if (event.quotaResetsIn().isPresent()) {
                Instant reset = now.plusSeconds(event.quotaResetsIn().getAsLong());
                b.resetsAt = Optional.of(reset);
                // Negative counts mean Toggl is not enforcing the quota: no size to learn.
                if (remaining >= 0) {
                    // A second after the window's start, so a request of the window before is never counted in.
                    Instant windowStart = reset.minus(HOUR).plusSeconds(1);
                    long ours = b.sent.stream().filter(t -> !t.isBefore(windowStart)).count();
                    b.total = Math.max(b.total, remaining + ours);
                }
            }
        }
    }

    /** Starts counting the requests of a new cycle. */
    synchronized void startCycle() {
        cycle.clear();
    }

    /** The requests sent since {@link #startCycle}, per bucket. */
    synchronized Map<QuotaBucket, Integer> cycleCost() {
        return Map.copyOf(cycle);
    }

    /** The requests the budget allows a bucket in an hour. */
    synchronized long allowance(QuotaBucket bucket) {
        Bucket b = buckets.get(bucket);
        return allowance(b == null ? ASSUMED_TOTAL : b.total);
    }

    long allowance(long total) {
        return total * percent / 100;
    }

    synchronized long total(QuotaBucket bucket) {
        Bucket b = buckets.get(bucket);
        return b == null ? ASSUMED_TOTAL : b.total;
    }

    /** Requests sent to the bucket in the hour before now. */
    synchronized long spent(QuotaBucket bucket) {
        Bucket b = buckets.get(bucket);
        if (b == null) {
            return 0;
        }
        prune(b, clock.instant());
        return b.sent.size();
    }

    /** The last remaining count a bucket reported, or -1. */
    synchronized long remaining(QuotaBucket bucket) {
        Bucket b = buckets.get(bucket);
        return b == null ? -1 : b.remaining;
    }

    /**
     * When a cycle that sends {@code cost} fits the budget: now, a later instant (when enough of the
     * last hour's requests have aged out, or a bucket that reported 0 left has reset), or empty
     * when it never fits because it alone needs more than a bucket's allowance.
     */
    synchronized Optional<Instant> fitsAt(Map<QuotaBucket, Integer> cost, Instant now) {
        Instant at = now;
        for (Map.Entry<QuotaBucket, Integer> c : cost.entrySet()) {
            Bucket b = buckets.get(c.getKey());
            long allowance = allowance(b == null ? ASSUMED_TOTAL : b.total);
            if (c.getValue() > allowance) {
                return Optional.empty();
            }
            if (b == null) {
                continue;
            }
            prune(b, now);
            long over = b.sent.size() + c.getValue() - allowance;
            if (over > 0) {
                Instant nth = b.sent.stream().skip(over - 1).findFirst().orElse(now);
                at = max(at, nth.plus(HOUR));
            }
            // Another client may have used the bucket up: wait for its reset rather than provoke a 402.
            if (b.remaining == 0 && b.resetsAt.isPresent()) {
                at = max(at, b.resetsAt.get());
            }
        }
        return Optional.of(at);
    }

    /** The latest reset a bucket at 0 reported, for a cycle stopped by an exhausted quota. */
    synchronized Optional<Instant> latestReset() {
        return buckets.values().stream().filter(b -> b.remaining <= 0).flatMap(b -> b.resetsAt.stream())
                .max(Instant::compareTo);
    }

    private static void prune(Bucket b, Instant now) {
        Instant cutoff = now.minus(HOUR);
        while (!b.sent.isEmpty() && !b.sent.peekFirst().isAfter(cutoff)) {
            b.sent.removeFirst();
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
