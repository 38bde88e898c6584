package dev.togglsync.http;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import java.time.Duration;
import java.time.Instant;

/**
 * An hourly quota is used up and its reset is further away than {@code max_quota_wait}: the run
 * stops resumably (exit code {@link ExitCode#QUOTA_EXHAUSTED}). Streams committed so far stay; a
 * rerun after {@link #resetsAt()} continues.
 */
public final class QuotaExhaustedException extends TogglSyncException {
    private final QuotaBucket bucket;
    private final Instant resetsAt;

    private QuotaExhaustedException(QuotaBucket bucket, Instant resetsAt, String message) {
        super(ExitCode.QUOTA_EXHAUSTED, message);
        this.bucket = bucket;
        this.resetsAt = resetsAt;
    }

    /** The reset is further away than the user allows us to wait. */
    static QuotaExhaustedException beyondMaxWait(QuotaBucket bucket, Instant now, Duration wait, Duration maxWait) {
        Instant at = now.plus(wait);
        return new QuotaExhaustedException(bucket, at, bucket.describe() + " is used up until " + at + " (" + wait.toSeconds()
                + " s from now), longer than max_quota_wait (" + maxWait.toSeconds() + " s) allows; " + RESUME + at + " to resume");
    }

    /** Toggl still answers the quota 402 after we waited for its resets: its headers mislead us. */
    static QuotaExhaustedException stillRefused(QuotaBucket bucket, Instant now, Duration wait, int attempts) {
        Instant at = now.plus(wait);
        return new QuotaExhaustedException(bucket, at, bucket.describe() + " is still used up after " + (attempts - 1)
                + " waits for its reset; it now says it resets at " + at + "; " + RESUME + at + " to resume");
    }

    /**
     * A 429 or 5xx whose {@code Retry-After} asks for a longer wait than {@code max_quota_wait}: as
     * with a quota, the run stops resumably instead of sleeping for as long as any server says.
     */
    static QuotaExhaustedException retryAfterBeyondMaxWait(Request request, int status, Instant now, Duration wait,
            Duration maxWait) {
        Instant at = now.plus(wait);
        return new QuotaExhaustedException(request.bucket(), at, request.describe() + ": HTTP " + status
                + " with Retry-After " + wait.toSeconds() + " s, longer than max_quota_wait (" + maxWait.toSeconds()
                + " s) allows; " + RESUME + at + " to resume");
    }

    private static final String RESUME = "streams finished so far are committed: rerun after ";

    /** The bucket that is used up, as the request named it. */
    public QuotaBucket bucket() {
        return bucket;
    }

    public Instant resetsAt() {
        return resetsAt;
    }
}
