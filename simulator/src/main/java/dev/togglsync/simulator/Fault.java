package dev.togglsync.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * What goes wrong with a request that a {@link FaultRule} picks. Status faults answer in place of
 * the API (no quota is counted: they model the load balancer); {@link Slow}, {@link Truncated}
 * and {@link Reset} disturb a real answer.
 */
public sealed interface Fault {
    /** A whole response in place of the API's. */
    record Respond(int status, String contentType, String body, String retryAfter) implements Fault {
        public Respond {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        byte[] bytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + (retryAfter == null ? "" : " Retry-After: " + retryAfter);
        }
    }

    /**
     * A whole response of exact bytes in place of the API's, for bodies no Java string encodes to:
     * invalid UTF-8, a byte-order mark, binary garbage.
     */
    record RespondBytes(int status, String contentType, byte[] body) implements Fault {
        public RespondBytes {
            Objects.requireNonNull(contentType, "contentType");
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public String toString() {
            return status + " with " + body.length + " raw bytes";
        }
    }

    /** Waits before sending the headers, then answers normally. */
    record Slow(Duration delay) implements Fault {
        public Slow {
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public String toString() {
            return "slow " + delay.toMillis() + " ms";
        }
    }

    /** Sends a valid prefix of the JSON body and ends the response cleanly: the body does not parse. */
    record Truncated() implements Fault {
        @Override
        public String toString() {
            return "truncated body";
        }
    }

    /** Sends the headers and part of the body, then drops the connection. */
    record Reset() implements Fault {
        @Override
        public String toString() {
            return "connection reset";
        }
    }

    String JSON = "application/json; charset=utf-8";
    String HTML = "text/html; charset=UTF-8";

    /** 429 without Retry-After, as Toggl's documented burst limit (toggl-api.md §3.1). */
    static Fault tooManyRequests() {
        return new Respond(429, JSON, "\"Too Many Requests\"", null);
    }

    /** 429 with {@code Retry-After: <seconds>}. */
    static Fault tooManyRequests(Duration retryAfter) {
        return new Respond(429, JSON, "\"Too Many Requests\"", Long.toString(retryAfter.toSeconds()));
    }

    /** 429 with a literal Retry-After value, e.g. an HTTP date. */
    static Fault tooManyRequests(String retryAfterHeader) {
        return new Respond(429, JSON, "\"Too Many Requests\"", retryAfterHeader);
    }

    static Fault internalServerError() {
        return new Respond(500, JSON, "\"We're sorry, but something went terribly wrong. Please try again later.\"", null);
    }

    /** 502 with the load balancer's HTML page (toggl-api.md §7.1). */
    static Fault badGateway() {
        return new Respond(502, HTML, html(502, "Server Error",
                "The server encountered a temporary error and could not complete your request."), null);
    }

    /** 503 with an HTML body, not JSON. */
    static Fault serviceUnavailable() {
        return new Respond(503, HTML, html(503, "Service Unavailable",
                "The service you requested is not available at this time."), null);
    }

    static Fault response(int status, String contentType, String body) {
        return new Respond(status, contentType, body, null);
    }

    static Fault response(int status, String contentType, byte[] body) {
        return new RespondBytes(status, contentType, body);
    }

    static Fault slow(Duration delay) {
        return new Slow(delay);
    }

    static Fault truncatedBody() {
        return new Truncated();
    }

    static Fault connectionReset() {
        return new Reset();
    }

    private static String html(int status, String title, String text) {
        return "<html><head><meta http-equiv=\"content-type\" content=\"text/html;charset=utf-8\">\n<title>" + status
                + " " + title + "</title>\n</head>\n<body text=#000000 bgcolor=#ffffff>\n<h1>Error: " + title
                + "</h1>\n<h2>" + text + "</h2>\n<h2></h2>\n</body></html>\n";
    }
}
