package dev.togglsync.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * For bench/run.sh's "load path only" figure: answers {@code GET /api/v9/me/time_entries} with a
 * saved response body, read from disk as it is sent, so that the run it serves spends almost no CPU
 * on the source side (the simulator generates its JSON, which on two cores takes CPU from the load).
 * Every other path is a 404. Prints {@code file server listening on http://127.0.0.1:PORT}, then
 * serves until killed.
 *
 * <p>Usage: {@code java -cp toggl-sync-app/target/test-classes:toggl-sync-app/target/toggl-sync.jar dev.togglsync.bench.FileServer BODY.json}
 */
public final class FileServer {
    private FileServer() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: FileServer BODY.json");
            System.exit(2);
        }
        Path body = Path.of(args[0]);
        long size = Files.size(body);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> respond(exchange, body, size));
        server.start();
        System.out.println("file server listening on http://127.0.0.1:" + server.getAddress().getPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static void respond(HttpExchange exchange, Path body, long size) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/api/v9/me/time_entries")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, size);
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(body, out);
            }
        }
    }
}
