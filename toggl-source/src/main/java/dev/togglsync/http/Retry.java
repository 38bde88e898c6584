package dev.togglsync.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Sends a request and reads its body, again on failures that may pass: at most
 * {@value #MAX_ATTEMPTS} attempts, waiting 10, 20, 40, 80 s in between unless the response's
 * {@code Retry-After} says otherwise. Body reading is inside the loop because bodies stream: a
 * body that breaks off or is not the expected JSON sends the whole request again.
 */
final class Retry {
    static final int MAX_ATTEMPTS = 5;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);

    /**
     * Why an attempt failed: the status (0 = no response), a phrase for messages, the body excerpt
     * of an error response, and how long the server asked us to wait, if it did.
     */
    private record Failure(int status, String what, String body, Optional<Duration> retryAfter) {}

    private final Transport transport;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HttpListener listener;
    private final Bodies bodies;
    private final Duration maxWait;

    /** {@code maxWait}: the longest {@code Retry-After} honoured (max_quota_wait); a longer one stops the run resumably. */
    Retry(Transport transport, Clock clock, Sleeper sleeper, HttpListener listener, Bodies bodies, Duration maxWait) {
        this.transport = transport;
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = listener;
        this.bodies = bodies;
        this.maxWait = maxWait;
    }

    <T> T execute(Request request, BodyReader<T> reader) {
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            Failure failure;
            try (Response response = transport.send(request)) {
                int status = response.status();
                if (status >= 200 && status < 300) {
                    try {
                        return reader.read(response.body());
                    } catch (IOException e) {
                        // A body cut off or not the JSON we expect; the next answer may be whole.
                        String what = e instanceof JsonProcessingException ? " with a body that is not the expected JSON (" : " whose body broke off (";
                        failure = new Failure(status, "HTTP " + status + what + describe(e) + ")", "", Optional.empty());
                    }
                } else {
                    String body = bodies.excerpt(Bodies.head(response));
                    // Credentials and permissions do not fix themselves.
                    if (status == 401 || status == 403) throw refused(request, status, body, attempt);
                    // The quota gate already waited out quota 402s; this one is about a paid feature.
                    if (status == 402) throw refused(request, status, body, attempt);
                    // Any other 4xx is about the request itself; asking again gets the same answer.
                    if (status != 429 && status < 500) throw refused(request, status, body, attempt);
                    // 429 (burst limit) and 5xx (server or load balancer trouble) pass with time.
                    failure = new Failure(status, "HTTP " + status, body, retryAfter(response));
                }
            } catch (IOException e) {
                // Refused or reset connections and timeouts: the network may recover.
                failure = new Failure(0, "no response (" + describe(e) + ")", "", Optional.empty());
            }
            if (attempt == MAX_ATTEMPTS) {
                throw gaveUp(request, failure, attempt, waited);
            }
            // A server may ask for any wait (Retry-After: 999999999 is 31 years); past max_quota_wait
            // the run stops resumably, like a quota, rather than hang.
            if (failure.retryAfter().filter(d -> d.compareTo(maxWait) > 0).isPresent()) {
                throw QuotaExhaustedException.retryAfterBeyondMaxWait(request, failure.status(), clock.instant(),
                        failure.retryAfter().get(), maxWait);
            }
            Duration wait = failure.retryAfter().orElse(FIRST_BACKOFF.multipliedBy(1L << (attempt - 1)));
            String reason = failure.what() + " on " + request.describe() + ", attempt " + (attempt + 1) + " of " + MAX_ATTEMPTS + " next";
            Metering.LOG.log(Level.FINE, () -> reason + " in " + wait.toSeconds() + " s");
            listener.waiting(reason, wait);
            sleeper.sleep(wait);
            waited = waited.plus(wait);
        }
    }

    /**
     * {@code Retry-After} as delta-seconds or an HTTP-date (RFC 9110 §10.2.3); garbled values are
     * ignored in favour of the backoff rather than trusted.
     */
    private Optional<Duration> retryAfter(Response response) {
        Optional<String> value = response.header("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private ApiException refused(Request request, int status, String body, int attempt) {
        String message = request.describe() + ": HTTP " + status + (body.isEmpty() ? " with an empty body" : ": " + body)
                + (attempt > 1 ? " (attempt " + attempt + " of " + MAX_ATTEMPTS + ")" : "");
        return new ApiException(request, status, body, bodies.scrub(message));
    }

    private ApiException gaveUp(Request request, Failure f, int attempts, Duration waited) {
        String message = request.describe() + ": " + f.what() + (f.body().isEmpty() ? "" : ": " + f.body())
                + "; gave up after " + attempts + " attempts over " + waited.toSeconds() + " s";
        return new ApiException(request, f.status(), f.body(), bodies.scrub(message));
    }

    /** One line naming the failure; Jackson appends its source location on further lines. */
    private String describe(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return bodies.scrub(Bodies.cut(e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m)));
    }
}
