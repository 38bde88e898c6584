package dev.togglsync.http;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.OptionalLong;

/** A response whose body may still be streaming. Header lookup ignores case. */
record Response(int status, HttpHeaders headers, InputStream body) implements Closeable {
    static final String QUOTA_REMAINING = "X-Toggl-Quota-Remaining";
    static final String QUOTA_RESETS_IN = "X-Toggl-Quota-Resets-In";

    Optional<String> header(String name) {
        return headers.firstValue(name);
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
