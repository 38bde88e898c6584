package dev.togglsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;

/**
 * Toggl's hourly quotas (toggl-api.md §3.2): every response's {@code X-Toggl-Quota-Remaining} and
 * {@code X-Toggl-Quota-Resets-In} are remembered per bucket; a bucket at 0 waits for its reset
 * before its next request instead of provoking a 402. A 402 that is about the quota waits
 * {@code Resets-In} (or what {@code GET /api/v9/me/quota} says) and sends again; a 402 about a
 * paid feature goes back to the caller untouched. A wait longer than {@code max_quota_wait} stops
 * the run resumably.
 */
final class QuotaGate implements Transport {
    static final String QUOTA_PATH = "/api/v9/me/quota";
    /** When nothing says when a quota resets, the worst case of a one-hour window. */
    static final Duration UNKNOWN_RESET = Duration.ofHours(1);
    /** A quota 402 again right after its reset means the headers mislead us; stop asking. */
    static final int MAX_QUOTA_ROUNDS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the last response of a bucket said; {@code resetsAt} is empty when it did not say. */
    private record Bucket(long remaining, Optional<Instant> resetsAt) {}

    private final Transport next;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HttpListener listener;
    private final Duration maxWait;
    private final Map<QuotaBucket, Bucket> buckets = new HashMap<>();

    QuotaGate(Transport next, Clock clock, Sleeper sleeper, HttpListener listener, Duration maxWait) {
        this.next = next;
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = listener;
        this.maxWait = maxWait;
    }

    @Override
    public synchronized Response send(Request request) throws IOException {
        for (int round = 1; ; round++) {
            awaitReset(request.bucket());
            Response response = next.send(request);
            remember(request.bucket(), response);
            if (response.status() != 402) {
                return response;
            }
            byte[] head = Bodies.head(response);
            Response buffered = response.withBody(head);
            if (!isQuota402(buffered, new String(head, StandardCharsets.UTF_8))) {
                return buffered;
            }
            OptionalLong resetsIn = buffered.longHeader(Response.QUOTA_RESETS_IN);
            Duration wait = resetsIn.isPresent() ? Duration.ofSeconds(resetsIn.getAsLong()) : askQuotaEndpoint(request.bucket());
            if (round == MAX_QUOTA_ROUNDS) {
                throw QuotaExhaustedException.stillRefused(request.bucket(), clock.instant(), wait, round);
            }
            waitFor(request.bucket(), wait, "HTTP 402 on " + request.describe());
            buckets.remove(request.bucket());
        }
    }

    /**
     * Quota 402s and feature 402s share a status (toggl-api.md §3.2); the body tells them apart,
     * and when it says nothing either way the quota header does.
     */
    static boolean isQuota402(Response response, String body) {
        String b = body.toLowerCase(Locale.ROOT);
        if (b.contains("quota") || b.contains("hourly")) {
            return true; // quota bodies talk about the hourly quota or limit
        }
        if (b.contains("feature") || b.contains("premium") || b.contains("plan") || b.contains("upgrade")) {
            return false; // feature bodies name the feature or the plan that has it
        }
        OptionalLong remaining = response.longHeader(Response.QUOTA_REMAINING);
        return remaining.isPresent() && remaining.getAsLong() <= 0;
    }

    private void awaitReset(QuotaBucket bucket) {
        Bucket b = buckets.get(bucket);
        // Exactly 0: the next request would be refused. Negative counts happen while Toggl does
        // not enforce a quota (toggl-api.md §3.2), so they are no reason to wait.
        if (b == null || b.remaining() != 0 || b.resetsAt().isEmpty()) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), b.resetsAt().get());
        if (!wait.isNegative() && !wait.isZero()) {
            waitFor(bucket, wait, "0 requests left");
        }
        buckets.remove(bucket);
    }

    private void remember(QuotaBucket bucket, Response response) {
        OptionalLong remaining = response.longHeader(Response.QUOTA_REMAINING);
        if (remaining.isEmpty()) {
            return;
        }
        OptionalLong resetsIn = response.longHeader(Response.QUOTA_RESETS_IN);
        Optional<Instant> resetsAt = resetsIn.isPresent()
                ? Optional.of(clock.instant().plusSeconds(resetsIn.getAsLong()))
                : Optional.empty();
        buckets.put(bucket, new Bucket(remaining.getAsLong(), resetsAt));
    }

    private void waitFor(QuotaBucket bucket, Duration wait, String why) {
        if (wait.compareTo(maxWait) > 0) {
            throw QuotaExhaustedException.beyondMaxWait(bucket, clock.instant(), wait, maxWait);
        }
        String reason = bucket.describe() + " is used up (" + why + "); waiting for its reset";
        Metering.LOG.log(Level.FINE, () -> reason + ": " + wait.toSeconds() + " s");
        listener.waiting(reason, wait);
        sleeper.sleep(wait);
    }

    /**
     * A quota 402 without {@code Resets-In}: {@code GET /api/v9/me/quota} lists every bucket
     * ({@code organization_id} null for the user bucket) with {@code resets_in_secs}.
     */
    private Duration askQuotaEndpoint(QuotaBucket bucket) {
        try (Response response = next.send(Request.get(QUOTA_PATH, QuotaBucket.USER))) {
            if (response.status() == 200) {
                JsonNode all = JSON.readTree(response.body());
                for (JsonNode q : all) {
                    JsonNode org = q.path("organization_id");
                    QuotaBucket listed = org.isNull() || org.isMissingNode() ? QuotaBucket.USER : QuotaBucket.organization(org.asLong());
                    if (listed.equals(bucket) && q.path("resets_in_secs").canConvertToLong()) {
                        return Duration.ofSeconds(q.path("resets_in_secs").asLong());
                    }
                }
            }
        } catch (IOException e) {
            Metering.LOG.log(Level.FINE, () -> "GET " + QUOTA_PATH + " failed (" + e.getClass().getSimpleName() + ")");
        }
        return UNKNOWN_RESET;
    }
}
