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
 * the smallest any plan has.
 *
 * <p>Memory is bounded whatever the rate: a bucket keeps its last hour as requests per second, at
 * most 3,600 slots (one {@code Instant} per request grew by one per cycle for an hour: 10 MB at
 * {@code --every 10ms} with a large quota, bench/every-soak.sh). Whole seconds err on the strict
 * side: a request counts until the second after it is an hour old, and when sizing a bucket the
 * window's first second is left out.
 */
final class QuotaBudget implements HttpListener {
    static final Duration HOUR = Duration.ofHours(1);
    static final long ASSUMED_TOTAL = 30;

    private static final class Bucket {
        /** {@code [epoch second, requests]} per second with a request, oldest first. */
        final ArrayDeque<long[]> sent = new ArrayDeque<>();
        /** The sum of {@link #sent}'s requests. */
        long count;
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
        long second = now.getEpochSecond();
        long[] last = b.sent.peekLast();
        if (last != null && last[0] == second) {
            last[1]++;
        } else {
            b.sent.addLast(new long[] {second, 1});
        }
        b.count++;
        cycle.merge(event.bucket(), 1, Integer::sum);
        if (event.quotaRemaining().isPresent()) {
            long remaining = event.quotaRemaining().getAsLong();
            b.remaining = remaining;
            if (event.quotaResetsIn().isPresent()) {
                Instant reset = now.plusSeconds(event.quotaResetsIn().getAsLong());
                b.resetsAt = Optional.of(reset);
                // Negative counts mean Toggl is not enforcing the quota: no size to learn.
                if (remaining >= 0) {
                    // Seconds after the window's first, so a request of the window before is never counted in.
                    long windowStart = reset.minus(HOUR).getEpochSecond();
                    long ours = b.sent.stream().filter(slot -> slot[0] > windowStart).mapToLong(slot -> slot[1]).sum();
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
        return b.count;
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
            long over = b.count + c.getValue() - allowance;
            if (over > 0) {
                at = max(at, agedOut(b, over).orElse(now));
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

    /** When the oldest {@code n} requests of the last hour have all aged out of it. */
    private static Optional<Instant> agedOut(Bucket b, long n) {
        long seen = 0;
        for (long[] slot : b.sent) {
            seen += slot[1];
            if (seen >= n) {
                return Optional.of(expiry(slot));
            }
        }
        return Optional.empty();
    }

    /** A slot's requests count until the end of their second plus an hour. */
    private static Instant expiry(long[] slot) {
        return Instant.ofEpochSecond(slot[0] + 1).plus(HOUR);
    }

    private static void prune(Bucket b, Instant now) {
        while (!b.sent.isEmpty() && !expiry(b.sent.peekFirst()).isAfter(now)) {
            b.count -= b.sent.removeFirst()[1];
        }
    }

    /** Seconds of the last hour that hold requests of {@code bucket}: at most 3,600 whatever the rate. */
    synchronized int slots(QuotaBucket bucket) {
        Bucket b = buckets.get(bucket);
        return b == null ? 0 : b.sent.size();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
