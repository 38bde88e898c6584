package dev.togglsync.http;

import java.time.Duration;

/**
 * Progress of the HTTP layer for a progress display: each request that got an answer, and each
 * wait before the next one. Called on the requesting thread; keep it quick. Both methods default
 * to doing nothing.
 */
public interface HttpListener {
    HttpListener NONE = new HttpListener() {};

    /** A request got its status line (or failed to connect: then {@code status} is 0). */
    default void requestSent(RequestEvent event) {}

    /**
     * The layer is about to wait {@code duration} before sending again.
     *
     * @param reason a short phrase for a display, e.g. "HTTP 429 on GET /api/v9/me, attempt 2 of 5"
     */
    default void waiting(String reason, Duration duration) {}

    /** Tells each of {@code listeners}, in order: a progress display, metrics and a budget can all listen. */
    static HttpListener all(HttpListener... listeners) {
        HttpListener[] copy = listeners.clone();
        return new HttpListener() {
            @Override
            public void requestSent(RequestEvent event) {
                for (HttpListener l : copy) {
                    l.requestSent(event);
                }
            }

            @Override
            public void waiting(String reason, Duration duration) {
                for (HttpListener l : copy) {
                    l.waiting(reason, duration);
                }
            }
        };
    }
}
