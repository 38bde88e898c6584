package dev.togglsync.http;

import dev.togglsync.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the HTTP layer needs, checked once.
 *
 * @param baseUrl scheme://host[:port]; request paths are appended
 * @param token the API token, sent as Basic {@code token:api_token}
 * @param rate at most this many requests per second (&gt; 0)
 * @param maxQuotaWait the longest wait for an hourly quota reset before giving up resumably
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long to wait for the status line, and the longest silence while a body streams
 * @param clock what "now" is for quota resets, pacing and Retry-After dates
 * @param sleeper how every wait is done
 * @param listener progress callbacks
 */
public record HttpSettings(
        URI baseUrl,
        Secret token,
        double rate,
        Duration maxQuotaWait,
        Duration connectTimeout,
        Duration requestTimeout,
        Clock clock,
        Sleeper sleeper,
        HttpListener listener) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public HttpSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(maxQuotaWait, "maxQuotaWait");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(listener, "listener");
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number of requests per second, got " + rate);
        }
        if (maxQuotaWait.isNegative()) {
            throw new IllegalArgumentException("maxQuotaWait must not be negative, got " + maxQuotaWait);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }
}
