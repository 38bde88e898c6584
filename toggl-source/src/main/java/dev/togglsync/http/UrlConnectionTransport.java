package dev.togglsync.http;

import dev.togglsync.Version;
import dev.togglsync.Secret;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/**
 * The bottom of the stack: the JDK's blocking {@link HttpURLConnection} with Toggl's Basic auth
 * ({@code token:api_token}), our User-Agent, and two timeouts. The read timeout bounds every
 * blocking read of the socket, so it covers both a server slow to answer and a body that stops
 * streaming half-way (a {@link java.net.SocketTimeoutException}, which the retry layer retries),
 * and it counts only time spent waiting for the server: a caller busy between two reads (a
 * database taking a batch of rows) is not taken for a silent server.
 *
 * <p>Why not {@code java.net.http.HttpClient}: it delivers a body through its selector thread in
 * 16 KB buffers handed across a queue; for a body of hundreds of megabytes that hand-over cost a
 * third of a core and its asynchronous machinery a good share of the JIT's work at start-up
 * (bench/NOTES.md). Reading the socket on the caller's thread gives the JSON parser the bytes
 * directly. Connections are kept alive and reused between requests by the JDK's cache.
 */
final class UrlConnectionTransport implements Transport, AutoCloseable {
    private final String baseUrl;
    private final Secret token;
    private final String userAgent = "toggl-sync/" + Version.get();
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    UrlConnectionTransport(URI baseUrl, Secret token, Duration connectTimeout, Duration requestTimeout) {
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.connectTimeoutMillis = millis(connectTimeout);
        this.readTimeoutMillis = millis(requestTimeout);
    }

    /** A positive int of milliseconds: 0 would mean "wait forever" to HttpURLConnection. */
    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    @Override
    public Response send(Request request) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + request.target()).toURL().openConnection();
        boolean answered = false;
        try {
            connection.setRequestMethod(request.method());
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestProperty("Authorization", token.basicAuth());
            connection.setRequestProperty("User-Agent", userAgent);
            connection.setRequestProperty("Accept", "application/json");
            int status = connection.getResponseCode();
            if (status < 0) {
                throw new IOException("the server's answer had no valid HTTP status line");
            }
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            // Closing the body gives the connection back to the JDK's keep-alive cache when the
            // body was read to its end, and closes the socket when it was abandoned half-way.
            long length = connection.getContentLengthLong();
            InputStream in = body == null ? InputStream.nullInputStream() : body;
            Response response = new Response(status, headers(connection), length > 0 ? new Measured(in, length) : in);
            answered = true;
            return response;
        } finally {
            if (!answered) {
                connection.disconnect();
            }
        }
    }

    /** The response headers; the status line, which the JDK lists under a null name, left out. */
    private static Map<String, List<String>> headers(HttpURLConnection connection) {
        Map<String, List<String>> named = new HashMap<>();
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                named.put(name, values);
            }
        });
        return named;
    }

    @Override
    public void close() {
        // Kept-alive connections belong to the JDK's cache, which closes idle ones itself.
    }

    /**
     * A body of declared length that ends early is an error, not an end: the JDK's stream for a
     * Content-Length body reports a connection closed half-way as a plain end of stream. (A
     * chunked body that breaks off fails inside the JDK already.)
     */
    private static final class Measured extends FilterInputStream {
        private final long length;
        private long read;

        Measured(InputStream in, long length) {
            super(in);
            this.length = length;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            count(n);
            return n;
        }

        private void count(int n) throws IOException {
            if (n >= 0) {
                read += n;
            } else if (read < length) {
                throw new EOFException("the connection closed after " + read + " of " + length + " bytes");
            }
        }
    }
}
