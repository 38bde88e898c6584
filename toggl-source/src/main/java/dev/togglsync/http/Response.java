package dev.togglsync.http;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A response whose body may still be streaming. The headers are kept as {@link
 * java.net.HttpURLConnection#getHeaderFields()} lists them (the status line left out), in a map
 * that ignores the case of names: HTTP header names are case-insensitive, and servers and proxies
 * do not agree on one spelling.
 */
record Response(int status, Map<String, List<String>> headers, InputStream body) implements Closeable {
    static final String QUOTA_REMAINING = "X-Toggl-Quota-Remaining";
    static final String QUOTA_RESETS_IN = "X-Toggl-Quota-Resets-In";

    Response {
        Map<String, List<String>> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        named.putAll(headers);
        headers = Collections.unmodifiableMap(named);
    }

    /** The first value of a header, if sent. */
    Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    /** A numeric header; absent or garbled counts as absent (these headers are advisory). */
    OptionalLong longHeader(String name) {
        Optional<String> v = header(name);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The same status and headers with an already read body. */
    Response withBody(byte[] bytes) {
        return new Response(status, headers, new ByteArrayInputStream(bytes));
    }

    /** Closing abandons an unread body; a failure to close changes nothing for the caller. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // the connection is discarded either way
        }
    }
}
