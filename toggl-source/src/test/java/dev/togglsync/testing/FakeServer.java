package dev.togglsync.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A tiny HTTP fixture on 127.0.0.1 in the manner of OkHttp's MockWebServer: replies are routed by
 * path (query ignored), either from a queue per path (the last reply repeats) or from a function
 * of the request; every request is recorded for assertions.
 */
public final class FakeServer implements AutoCloseable {
    /** What the client sent. {@code target} is the raw path and query. */
    public record Recorded(String method, String path, String query, String target, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** How a reply ends: whole, cut short of its Content-Length, or stalled before the rest. */
    public enum Ending { WHOLE, TRUNCATED, STALLED }

    public record Reply(int status, Map<String, String> headers, byte[] body, Ending ending) {
        public static Reply json(String body) {
            return of(200, body).header("Content-Type", "application/json; charset=utf-8");
        }

        public static Reply of(int status, String body) {
            return new Reply(status, Map.of(), body.getBytes(StandardCharsets.UTF_8), Ending.WHOLE);
        }

        public Reply header(String name, Object value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, String.valueOf(value));
            return new Reply(status, more, body, ending);
        }

        /** Sends the headers with the full Content-Length, then only half the body, then closes. */
        public Reply truncated() {
            return new Reply(status, headers, body, Ending.TRUNCATED);
        }

        /** Sends half the body, then goes silent for a few seconds. */
        public Reply stalled() {
            return new Reply(status, headers, body, Ending.STALLED);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Function<Recorded, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    private FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeServer start() {
        try {
            return new FakeServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake server", e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FakeServer on(String path, Function<Recorded, Reply> handler) {
        routes.put(path, handler);
        return this;
    }

    /** Serves these replies in order for {@code path}; the last one repeats. */
    public FakeServer enqueue(String path, Reply... replies) {
        Deque<Reply> queue = new ArrayDeque<>(List.of(replies));
        return on(path, r -> {
            synchronized (queue) {
                return queue.size() > 1 ? queue.poll() : queue.peek();
            }
        });
    }

    public List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    public List<String> targets() {
        return requests.stream().map(Recorded::target).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        Recorded recorded = new Recorded(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
                uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), headers);
        requests.add(recorded);
        Function<Recorded, Reply> route = routes.get(uri.getPath());
        Reply reply = route == null ? Reply.of(404, "\"no route for " + uri.getPath() + "\"") : route.apply(recorded);
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        OutputStream out = exchange.getResponseBody();
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        if (reply.ending() == Ending.WHOLE) {
            out.write(reply.body());
            out.close();
            return;
        }
        out.write(reply.body(), 0, reply.body().length / 2);
        out.flush();
        if (reply.ending() == Ending.STALLED) {
            sleep(3000);
        }
        // A handler that throws makes the server drop the connection: the client sees the body end
        // short of its Content-Length, as when a real connection breaks.
        throw new IOException("fixture: connection dropped mid-body");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
