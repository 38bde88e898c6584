package dev.togglsync.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A response's headers, names compared without case (HTTP header names are case-insensitive). */
public final class ResponseHeaders {
    private final Map<String, List<String>> headers;

    ResponseHeaders(Map<String, List<String>> caseInsensitive) {
        this.headers = caseInsensitive;
    }

    /** The first value of {@code name}, if sent. */
    public Optional<String> first(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}
