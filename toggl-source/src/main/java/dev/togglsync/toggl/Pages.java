package dev.togglsync.toggl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * The three body shapes of the v9 API (toggl-api.md §1): one object ({@code /me}), a bare array
 * of records (every list), and the tasks envelope {@code {data: [...], total_count, ...}}. Each
 * reader streams the records through a {@link RecordDecoder} and returns how many it read. A body
 * of another shape is a {@link JsonParseException}, which the HTTP layer retries like any body
 * that is not the expected JSON.
 */
final class Pages {
    private static final JsonFactory JSON = new JsonFactory();

    /** What a tasks page said: records read, and {@code total_count} when present. */
    record Envelope(int records, OptionalLong totalCount) {}

    /** What a header-paged page said: records read, and its {@code X-Pages} header when sent. */
    record Counted(int records, java.util.Optional<String> pages) {}

    private Pages() {}

    static int object(InputStream body, RecordDecoder decoder, String where) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "a JSON object");
            decoder.decode(p, where, 1);
            expectEnd(p);
            return 1;
        }
    }

    static int array(InputStream body, RecordDecoder decoder, String where) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            expect(p, p.nextToken(), JsonToken.START_ARRAY, "a JSON array of records");
            int n = records(p, decoder, where);
            expectEnd(p);
            return n;
        }
    }

    static Envelope envelope(InputStream body, RecordDecoder decoder, String where) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "a JSON object with a data array");
            int n = 0;
            OptionalLong total = OptionalLong.empty();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("data") && value == JsonToken.START_ARRAY) {
                    n = records(p, decoder, where);
                } else if (field.equals("total_count") && value == JsonToken.VALUE_NUMBER_INT) {
                    total = OptionalLong.of(p.getLongValue());
                } else {
                    p.skipChildren(); // page, per_page, sort_*: known from the request; "data": null = none
                }
            }
            expectEnd(p);
            return new Envelope(n, total);
        }
    }

    /** The records of an array the parser stands at the start of; leaves it on END_ARRAY. */
    private static int records(JsonParser p, RecordDecoder decoder, String where) throws IOException {
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            decoder.decode(p, where, ++n);
        }
        expect(p, t, JsonToken.END_ARRAY, "a record (JSON object)");
        return n;
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String what) throws JsonParseException {
        if (actual != expected) {
            throw new JsonParseException(p, "expected " + what + ", got " + (actual == null ? "the end of the body" : actual.asString() == null ? actual.name() : actual.asString()));
        }
    }

    /** Nothing after the value: a complete body, not a concatenation or a cut-off stream. */
    private static void expectEnd(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != null) {
            throw new JsonParseException(p, "expected the end of the body, got more JSON");
        }
    }
}
