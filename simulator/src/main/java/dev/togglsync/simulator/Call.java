package dev.togglsync.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request being answered: its parsed parts, the route it matched, and how to respond. */
final class Call {
    static final String JSON = "application/json; charset=utf-8";

    final HttpExchange exchange;
    final String method;
    final String path;
    final String rawQuery;
    final Map<String, List<String>> params;
    Router.Route route;
    Fault bodyFault;
    int status;
    private boolean headersSent;
    private String body = "";

    Call(HttpExchange exchange) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod();
        this.path = exchange.getRequestURI().getRawPath();
        String q = exchange.getRequestURI().getRawQuery();
        this.rawQuery = q == null ? "" : q;
        this.params = parse(rawQuery);
    }

    Optional<String> param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    void setHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    String readBody() throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
        return body;
    }

    String body() {
        return body;
    }

    /** Whether the status line went out: then only dropping the connection can signal a failure. */
    boolean headersSent() {
        return headersSent;
    }

    /** Writes a JSON body: small ones with Content-Length, large ones streamed chunked. */
    void json(int code, Json.Body writer) throws IOException {
        setHeader("Content-Type", JSON);
        status = code;
        ResponseStream out = new ResponseStream(exchange, code, bodyFault);
        JsonGenerator g = Json.FACTORY.createGenerator(out);
        try {
            writer.write(g);
        } catch (IOException | RuntimeException e) {
            headersSent = out.abandon();
            if (!headersSent) {
                status = 0;
            }
            throw e;
        }
        headersSent = true;
        g.close(); // flushes into the stream, which sends the body
    }

    /** An error answer: the message as a JSON string (toggl-api.md §7.1). */
    void error(int code, String message) throws IOException {
        raw(code, JSON, Json.string(message));
    }

    void raw(int code, String contentType, byte[] bytes) throws IOException {
        setHeader("Content-Type", contentType);
        status = code;
        headersSent = true;
        try (OutputStream out = new ResponseStream(exchange, code, bodyFault)) {
            out.write(bytes);
        }
    }

    /** Status with no body at all (Content-Length: 0). */
    void empty(int code) throws IOException {
        status = code;
        headersSent = true;
        exchange.sendResponseHeaders(code, -1);
        exchange.close();
    }

    private static Map<String, List<String>> parse(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }
}
