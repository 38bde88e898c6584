package dev.togglsync.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * JSON writing helpers. Every response body and every ground-truth record is written by the same
 * {@link Body} code, so what a test expects is byte-for-byte what the API sent.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonFactory FACTORY = MAPPER.getFactory();

    /** Writes one JSON value onto a generator. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Writes one item of a list onto a generator. */
    @FunctionalInterface
    interface Item<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }

    private Json() {}

    /** A bare top-level array of {@code items}: the shape of every v9 list but tasks (toggl-api.md §1). */
    static <T> Body array(Iterable<T> items, Item<? super T> item) {
        return g -> {
            g.writeStartArray();
            for (T t : items) {
                item.write(g, t);
            }
            g.writeEndArray();
        };
    }

    /** The value {@code body} writes, as a tree (ground truth for tests). */
    static ObjectNode tree(Body body) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                body.write(g);
            }
            return (ObjectNode) MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("simulator: could not render ground truth JSON", e);
        }
    }

    /** A JSON string literal: Toggl's error bodies are JSON-encoded strings (toggl-api.md §7.1). */
    static byte[] string(String message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void string(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }

    static void number(JsonGenerator g, String field, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value.longValue());
        }
    }

    static void number(JsonGenerator g, String field, Double value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value.doubleValue());
        }
    }

    static void time(JsonGenerator g, String field, Instant value, Function<Instant, String> format)
            throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, format.apply(value));
        }
    }

    static void longs(JsonGenerator g, String field, List<Long> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (Long v : values) {
            g.writeNumber(v.longValue());
        }
        g.writeEndArray();
    }

    static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
