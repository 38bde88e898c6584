package dev.togglsync.target.postgres;

import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * Encodes rows as PostgreSQL {@code COPY ... FROM STDIN} text format, UTF-8, straight into one
 * reused byte buffer: columns separated by a tab, rows ended by a newline, NULL written as
 * {@code \N}, and backslash, tab, newline and carriage return escaped with a backslash (the only
 * characters the text format gives meaning to). One encoder per {@link ColumnType} is picked when
 * the schema is set, not per row.
 *
 * <p>PostgreSQL cannot store the character U+0000 in TEXT, nor the escape {@code \u0000} in JSONB;
 * both are written as U+FFFD (the replacement character) so that one odd record cannot make a
 * stream unloadable. Unpaired UTF-16 surrogates, which have no UTF-8 form, become U+FFFD too.
 */
final class CopyEncoder {
    /** The caller sends the buffer to the server once it holds at least this many bytes. */
    static final int FLUSH_AT = 1 << 16;

    private static final byte[] NULL = {'\\', 'N'};
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    @FunctionalInterface
    private interface ValueEncoder {
        void encode(CopyEncoder out, Object value);
    }

    private byte[] buffer = new byte[FLUSH_AT + 4096];
    private int length;
    private ValueEncoder[] encoders = new ValueEncoder[0];
    private String[] names = new String[0];

    /** Builds the per-column encoders for rows of {@code schema}. */
    void schema(TableSchema schema) {
        encoders = new ValueEncoder[schema.size()];
        names = new String[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            encoders[i] = encoderFor(schema.column(i).type());
            names[i] = schema.column(i).name() + " (" + schema.column(i).type() + ")";
        }
    }

    private static ValueEncoder encoderFor(ColumnType type) {
        return switch (type) {
            case BIGINT -> (out, v) -> out.digits((Long) v);
            case DOUBLE -> (out, v) -> out.ascii(Double.toString((Double) v));
            case BOOLEAN -> (out, v) -> out.put((Boolean) v ? (byte) 't' : (byte) 'f');
            case TEXT -> (out, v) -> out.text((String) v, false);
            case TIMESTAMPTZ -> (out, v) -> out.timestamp((Instant) v);
            case DATE -> (out, v) -> out.ascii(((LocalDate) v).toString());
            case JSON -> (out, v) -> out.text((String) v, true);
        };
    }

    /** Appends one row: the arrival number, then the values (a short row is padded with NULLs). */
    void row(long seq, Object[] row) {
        int mark = length;
        int i = 0;
        try {
            digits(seq);
            for (; i < encoders.length; i++) {
                put((byte) '\t');
                Object value = i < row.length ? row[i] : null;
                if (value == null) {
                    put(NULL);
                } else {
                    encoders[i].encode(this, value);
                }
            }
            put((byte) '\n');
        } catch (ClassCastException e) {
            length = mark; // never leave half a row in the buffer
            throw new IllegalArgumentException("column " + names[i] + " cannot hold a "
                    + row[i].getClass().getSimpleName() + " value", e);
        }
    }

    byte[] bytes() {
        return buffer;
    }

    int length() {
        return length;
    }

    void reset() {
        length = 0;
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    /** Text known to be ASCII without special characters (numbers, dates). */
    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
    }

    private void digits(long v) {
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        ensure(20);
        if (v < 0) {
            buffer[length++] = '-';
            v = -v;
        }
        int start = length;
        do {
            buffer[length++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int a = start, b = length - 1; a < b; a++, b--) {
            byte t = buffer[a];
            buffer[a] = buffer[b];
            buffer[b] = t;
        }
    }

    /** {@code YYYY-MM-DD HH:MM:SS.ffffff+00}, microseconds kept and anything finer dropped. */
    private void timestamp(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        if (d.getYear() < 1 || d.getYear() > 9999) {
            ascii(t.truncatedTo(ChronoUnit.MICROS).toString());
            return;
        }
        ensure(32);
        fixed(d.getYear(), 4);
        buffer[length++] = '-';
        fixed(d.getMonthValue(), 2);
        buffer[length++] = '-';
        fixed(d.getDayOfMonth(), 2);
        buffer[length++] = ' ';
        fixed(d.getHour(), 2);
        buffer[length++] = ':';
        fixed(d.getMinute(), 2);
        buffer[length++] = ':';
        fixed(d.getSecond(), 2);
        buffer[length++] = '.';
        fixed(t.getNano() / 1000, 6);
        buffer[length++] = '+';
        buffer[length++] = '0';
        buffer[length++] = '0';
    }

    private void fixed(int v, int width) {
        for (int i = length + width - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length += width;
    }

    /**
     * Escapes and UTF-8-encodes {@code s}. For JSON, an escape pair ({@code \x}) is handled as one
     * unit so that {@code \\u0000} (an escaped backslash, then text) is told apart from {@code \u0000}.
     */
    private void text(String s, boolean json) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            ensure(8);
            if (c == '\\') {
                buffer[length++] = '\\';
                buffer[length++] = '\\';
                if (json && i + 1 < n) {
                    if (s.startsWith("u0000", i + 1)) {
                        ascii("ufffd");
                        i += 5;
                        continue;
                    }
                    c = s.charAt(++i); // the escaped character, encoded below like any other
                } else {
                    continue;
                }
            }
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> {
                        buffer[length++] = '\\';
                        buffer[length++] = '\\';
                    }
                    case '\t' -> {
                        buffer[length++] = '\\';
                        buffer[length++] = 't';
                    }
                    case '\n' -> {
                        buffer[length++] = '\\';
                        buffer[length++] = 'n';
                    }
                    case '\r' -> {
                        buffer[length++] = '\\';
                        buffer[length++] = 'r';
                    }
                    case '\0' -> replacement();
                    default -> buffer[length++] = (byte) c;
                }
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xC0 | (c >> 6));
                buffer[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buffer[length++] = (byte) (0xF0 | (cp >> 18));
                buffer[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buffer[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buffer[length++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                replacement();
            } else {
                buffer[length++] = (byte) (0xE0 | (c >> 12));
                buffer[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[length++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    private void replacement() {
        buffer[length++] = REPLACEMENT[0];
        buffer[length++] = REPLACEMENT[1];
        buffer[length++] = REPLACEMENT[2];
    }

    /** Grows the buffer when one row is larger than it; rows are never split across a flush. */
    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
