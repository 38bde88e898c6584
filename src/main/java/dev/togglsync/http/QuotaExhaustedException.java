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
    private final String bucket;
    private final Instant resetsAt;

    QuotaExhaustedException(String bucket, Instant now, Duration wait, Duration maxWait) {
        super(ExitCode.QUOTA_EXHAUSTED, describe(bucket) + " is used up until " + now.plus(wait)
                + " (" + wait.toSeconds() + " s from now), longer than max_quota_wait (" + maxWait.toSeconds()
                + " s) allows; streams finished so far are committed: rerun after " + now.plus(wait) + " to resume");
        this.bucket = bucket;
        this.resetsAt = now.plus(wait);
    }

    /** The bucket as the caller named it: "user" or "org:&lt;organization_id&gt;". */
    public String bucket() {
        return bucket;
    }

    public Instant resetsAt() {
        return resetsAt;
    }

    /** "the hourly quota of organization 42" for messages. */
    static String describe(String bucket) {
        if (bucket.equals("user")) {
            return "Toggl's user-level hourly quota (the /me requests)";
        }
        if (bucket.startsWith("org:")) {
            return "Toggl's hourly quota of organization " + bucket.substring(4);
        }
        return "Toggl's hourly quota '" + bucket + "'";
    }
}
