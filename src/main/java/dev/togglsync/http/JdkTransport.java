package dev.togglsync.http;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.Version;
import dev.togglsync.config.Secret;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bottom of the stack: the JDK {@link HttpClient} with Toggl's Basic auth
 * ({@code token:api_token}), our User-Agent, and two timeouts. The JDK's request timeout only
 * covers the wait for the status line; a body that stops streaming half-way would block a read
 * forever, so a watchdog closes a body that has been silent for the request timeout, which turns
 * into an {@link HttpTimeoutException} for the reader (and a retry). Only time spent waiting
 * inside a read counts as silence: between two reads the caller may be busy (a database taking a
 * batch of rows) while the server's bytes wait in the buffers.
 */
final class JdkTransport implements Transport, AutoCloseable {
    private final HttpClient client;
    private final String baseUrl;
    private final String authorization;
    private final String userAgent = "toggl-sync/" + Version.get();
    private final Duration requestTimeout;
    private final ScheduledExecutorService watchdog;

    JdkTransport(URI baseUrl, Secret token, Duration connectTimeout, Duration requestTimeout) {
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((token.reveal() + ":api_token").getBytes(StandardCharsets.UTF_8));
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "toggl-sync-http-watchdog");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.watchdog = executor;
    }

    @Override
    public Response send(Request request) throws IOException {
        HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(baseUrl + request.target()))
                .method(request.method(), HttpRequest.BodyPublishers.noBody())
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("User-Agent", userAgent)
                .header("Accept", "application/json")
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TogglSyncException(ExitCode.UNEXPECTED, "interrupted while waiting for " + request.describe());
        }
        return new Response(response.statusCode(), response.headers(), new IdleTimeout(response.body()));
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /** A body stream that the watchdog closes when one read waits {@link #requestTimeout} for a byte. */
    private final class IdleTimeout extends FilterInputStream {
        private static final long NOT_READING = Long.MIN_VALUE;
        private final long limitNanos = requestTimeout.toNanos();
        private final ScheduledFuture<?> check;
        /** When the read now waiting began, or {@link #NOT_READING}. */
        private volatile long readingSince = NOT_READING;
        private volatile boolean timedOut;

        IdleTimeout(InputStream in) {
            super(in);
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(20), limitNanos / 4);
            this.check = watchdog.scheduleAtFixedRate(this::closeIfIdle, period, period, TimeUnit.NANOSECONDS);
        }

        private void closeIfIdle() {
            long since = readingSince;
            if (since != NOT_READING && System.nanoTime() - since > limitNanos) {
                timedOut = true;
                check.cancel(false);
                try {
                    in.close(); // unblocks a read waiting for the next chunk
                } catch (IOException ignored) {
                    // the reader sees the timeout either way
                }
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            readingSince = System.nanoTime();
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                throw timedOut ? timeout() : e;
            } finally {
                readingSince = NOT_READING;
            }
            if (timedOut) {
                throw timeout();
            }
            if (n < 0) {
                check.cancel(false);
            }
            return n;
        }

        private HttpTimeoutException timeout() {
            return new HttpTimeoutException("no data for " + requestTimeout.toMillis() + " ms while reading the response body");
        }

        @Override
        public void close() throws IOException {
            check.cancel(false);
            super.close();
        }
    }
}
