package dev.togglsync.toggl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.togglsync.schema.ColumnType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Builds the {@link ValueReader} of each column type: once per column of a schema, then run for
 * every record (converters per schema, not per row).
 */
final class Converters {
    /** A value of another JSON type than the column declares; the decoder names stream and field. */
    static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private Converters() {}

    /** The reader for a declared column: a value of the wrong JSON type is an error, never a guess. */
    static ValueReader strict(ColumnType type) {
        return switch (type) {
            case BIGINT -> p -> {
                if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    return p.getLongValue();
                }
                return nullOr(p, "a 64-bit integer");
            };
            // JSON does not tell 50 from 50.0: an integer is a fine rate.
            case DOUBLE -> p -> p.currentToken().isNumeric() ? (Object) p.getDoubleValue() : nullOr(p, "a number");
            case BOOLEAN -> p -> p.currentToken().isBoolean() ? (Object) p.getBooleanValue() : nullOr(p, "true or false");
            case TEXT -> p -> p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : nullOr(p, "a string");
            case TIMESTAMPTZ -> p -> {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return nullOr(p, "an RFC 3339 timestamp string");
                }
                Instant fast = Rfc3339.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                if (fast != null) {
                    return fast;
                }
                try {
                    // toggl-api.md §7.2: every timestamp variant Toggl sends carries an offset.
                    return OffsetDateTime.parse(p.getText()).toInstant();
                } catch (DateTimeParseException e) {
                    throw mismatch(p, "an RFC 3339 timestamp string");
                }
            };
            case DATE -> p -> {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return nullOr(p, "a YYYY-MM-DD date string");
                }
                try {
                    return LocalDate.parse(p.getText());
                } catch (DateTimeParseException e) {
                    throw mismatch(p, "a YYYY-MM-DD date string");
                }
            };
            case JSON -> new JsonText()::read;
        };
    }

    /**
     * The reader for a column inferred from one sample value: a later value that does not fit is
     * stored as NULL and reported once, because a field Toggl adds must never fail a load.
     */
    static ValueReader lenient(ColumnType type, Consumer<String> misfit) {
        if (type == ColumnType.TEXT) {
            JsonText json = new JsonText();
        return p -> p.currentToken().isScalarValue() && p.currentToken() != JsonToken.VALUE_NULL ? p.getText() : json.read(p);
        }
        ValueReader strict = strict(type);
        return p -> {
            try {
                return strict.read(p);
            } catch (Mismatch m) {
                misfit.accept(m.getMessage());
                p.skipChildren();
                return null;
            }
        };
    }

    /** The column type of a field seen for the first time, from its first value. */
    static ColumnType infer(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? ColumnType.DOUBLE : ColumnType.BIGINT;
            case VALUE_NUMBER_FLOAT -> ColumnType.DOUBLE;
            case VALUE_TRUE, VALUE_FALSE -> ColumnType.BOOLEAN;
            case VALUE_STRING -> isTimestamp(p.getText()) ? ColumnType.TIMESTAMPTZ : ColumnType.TEXT;
            case START_ARRAY, START_OBJECT -> ColumnType.JSON;
            default -> ColumnType.TEXT; // null says nothing; TEXT holds whatever comes later
        };
    }

    private static boolean isTimestamp(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Any JSON value as JSON text (arrays and objects copied token by token); null stays SQL NULL.
     * One per column: it keeps its generator and buffer, because creating a generator per value
     * costs more than copying a short array such as a time entry's tags.
     */
    private static final class JsonText {
        private final CharBuffer out = new CharBuffer();
        private JsonGenerator generator = newGenerator();

        private JsonGenerator newGenerator() {
            try {
                JsonGenerator g = JSON.createGenerator(out);
                // Values are written one after another at the root; no separator between them.
                g.setRootValueSeparator(null);
                return g;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a JSON generator over memory", e);
            }
        }

        Object read(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            out.reset();
            try {
                generator.copyCurrentStructure(p);
                generator.flush();
            } catch (IOException | RuntimeException e) {
                // A body cut off mid-value leaves the generator inside an array; the retried
                // request reuses this reader, so it must start from a clean generator.
                generator = newGenerator();
                throw e;
            }
            return out.toString();
        }
    }

    /** A reusable in-memory Writer: {@link java.io.CharArrayWriter} without its locking. */
    private static final class CharBuffer extends Writer {
        private char[] chars = new char[256];
        private int length;

        void reset() {
            length = 0;
            if (chars.length > 1 << 16) {
                chars = new char[256]; // one huge value must not pin its buffer for the whole load
            }
        }

        @Override
        public void write(char[] c, int off, int len) {
            if (length + len > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + len));
            }
            System.arraycopy(c, off, chars, length, len);
            length += len;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            // Many time entries have no tags: share one "[]" instead of a new string per row.
            if (length == 2 && chars[0] == '[' && chars[1] == ']') {
                return "[]";
            }
            return new String(chars, 0, length);
        }
    }

    private static Object nullOr(JsonParser p, String expected) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        throw mismatch(p, expected);
    }

    private static Mismatch mismatch(JsonParser p, String expected) throws IOException {
        return new Mismatch("expected " + expected + ", got " + excerpt(p));
    }

    /** The offending value, short: strings quoted, containers named. */
    private static String excerpt(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            return "an array";
        }
        if (t == JsonToken.START_OBJECT) {
            return "an object";
        }
        String text = p.getText();
        String cut = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        return t == JsonToken.VALUE_STRING ? "\"" + cut + "\"" : cut;
    }
}
