package dev.togglsync.http;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts every request that leaves, logs it at FINE under {@code dev.togglsync.http} (what
 * {@code -d} shows: method, path, status, time) and tells the listener. Sits right above the
 * transport so that retries, quota re-sends and the quota endpoint are all counted.
 */
final class Metering implements Transport {
    static final Logger LOG = Logger.getLogger("dev.togglsync.http");

    private final Transport next;
    private final HttpListener listener;
    private final AtomicLong requests = new AtomicLong();

    Metering(Transport next, HttpListener listener) {
        this.next = next;
        this.listener = listener;
    }

    long requests() {
        return requests.get();
    }

    @Override
    public Response send(Request request) throws IOException {
        requests.incrementAndGet();
        long start = System.nanoTime();
        Response response;
        try {
            response = next.send(request);
        } catch (IOException e) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            LOG.log(Level.FINE, () -> request.describe() + " -> no response (" + e.getClass().getSimpleName() + ") after " + elapsed.toMillis() + " ms");
            listener.requestSent(new RequestEvent(request.method(), request.target(), request.bucket(), 0, elapsed, OptionalLong.empty(),
                    OptionalLong.empty()));
            throw e;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        LOG.log(Level.FINE, () -> request.describe() + " -> " + response.status() + " in " + elapsed.toMillis() + " ms");
        listener.requestSent(new RequestEvent(
                request.method(), request.target(), request.bucket(), response.status(), elapsed,
                response.longHeader(Response.QUOTA_REMAINING), response.longHeader(Response.QUOTA_RESETS_IN)));
        return response;
    }
}
