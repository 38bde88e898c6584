package dev.togglsync.http;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * One request as {@link HttpListener#requestSent} reports it.
 *
 * @param method the HTTP method
 * @param target path and query (never a secret)
 * @param bucket the quota bucket the caller named
 * @param status the HTTP status, or 0 when no response arrived
 * @param elapsed time until the status line arrived (or the failure)
 * @param quotaRemaining {@code X-Toggl-Quota-Remaining} of the response, when sent
 * @param quotaResetsIn {@code X-Toggl-Quota-Resets-In} of the response in seconds, when sent: with
 *     {@code quotaRemaining} it tells a scheduler how large the bucket is ({@code run --every}'s budget)
 */
public record RequestEvent(
        String method, String target, QuotaBucket bucket, int status, Duration elapsed, OptionalLong quotaRemaining,
        OptionalLong quotaResetsIn) {}
