package dev.togglsync.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One API request as the caller describes it: method, path below the base URL, query parameters
 * (in order) and the quota bucket it counts against. The bucket is the caller's word because only
 * the caller knows which organization a path belongs to ({@link QuotaBucket}).
 */
public record Request(String method, String path, Map<String, String> query, QuotaBucket bucket) {
    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bucket, "bucket");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    public static Request get(String path, QuotaBucket bucket) {
        return new Request("GET", path, Map.of(), bucket);
    }

    /** This request with one more query parameter (replacing one of the same name). */
    public Request with(String name, Object value) {
        Map<String, String> more = new LinkedHashMap<>(query);
        more.put(name, String.valueOf(value));
        return new Request(method, path, more, bucket);
    }

    /**
     * The path and URL-encoded query as sent; this is what logs and error messages show. It never
     * holds a secret: authentication travels in a header.
     */
    public String target() {
        return target(path, query);
    }

    /** {@link #target()} of a request not made yet: a plan's path may hold placeholders such as {@code {workspace_id}}. */
    public static String target(String path, Map<String, String> query) {
        if (query.isEmpty()) {
            return path;
        }
        return path + "?" + query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** "GET /api/v9/me" for messages. */
    public String describe() {
        return method + " " + target();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
