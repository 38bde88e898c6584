package dev.togglsync.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request the simulator answered, for tests that assert what a client sent.
 *
 * @param time arrival, on the simulator clock
 * @param query the raw (still URL-encoded) query string, "" when none
 * @param status the status line sent; 0 if the connection was dropped before any
 * @param endpoint the operation the path matched, null for unknown paths
 * @param userAgent the User-Agent header, "" when none
 * @param body the request body as text ("" for GET)
 * @param fault the injected fault, null when none
 */
public record RecordedRequest(
        Instant time,
        String method,
        String path,
        String query,
        int status,
        Endpoint endpoint,
        String userAgent,
        String body,
        Fault fault) {

    /** Decoded query parameters (the first value of each). */
    public Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(name, value);
            }
        }
        return params;
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params().get(name));
    }

    /** {@code GET /api/v9/me?x=1 -> 200}: for assertion messages and the CLI's request lines. */
    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + status
                + (fault == null ? "" : " (fault: " + fault + ")");
    }
}
