package dev.togglsync.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.togglsync.TogglSyncException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code --health-port}: {@code GET /healthz} (200 or 503, JSON) and {@code GET /metrics}
 * (Prometheus text) on the JDK's HTTP server, one daemon thread, bound to 127.0.0.1 unless
 * {@code --health-bind} says otherwise. Nothing it serves holds a secret: stream and bucket names,
 * counts, times and failure messages (which never carry the token).
 */
public final class HealthServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static HealthServer start(String bind, int port, Health health, SyncMetrics metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 0);
        } catch (IOException e) {
            throw TogglSyncException.invalidInput("--health-port " + port + " --health-bind " + bind + ": cannot listen ("
                    + e.getMessage() + "); pick a free port, or 0 for any", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "toggl-sync-health");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/healthz", exchange -> {
            Health.Status status = health.status();
            ObjectNode body = JSON.createObjectNode();
            body.put("status", status.healthy() ? "ok" : "failing");
            status.reason().ifPresent(r -> body.put("reason", r));
            body.put("last_success", status.lastSuccess().map(Object::toString).orElse(null));
            body.put("cycles", status.cycles());
            respond(exchange, status.healthy() ? 200 : 503, "application/json", JSON.writeValueAsString(body));
        });
        server.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, metrics.scrape()));
        server.start();
        return new HealthServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
