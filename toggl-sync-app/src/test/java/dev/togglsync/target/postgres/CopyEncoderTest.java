package dev.togglsync.target.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The binary COPY format byte by byte (PostgreSQL docs, "COPY: Binary Format"); PostgresTargetIT
 * proves that a real server reads it back exactly.
 */
class CopyEncoderTest {
    private final CopyEncoder encoder = new CopyEncoder();

    /** The fields of the single row a one-column schema encodes, seq first; null = SQL NULL. */
    private List<byte[]> encode(ColumnType type, Object value) {
        encoder.reset();
        encoder.schema(TableSchema.of(new Column("c", type)));
        encoder.row(7, new Object[] {value});
        List<List<byte[]>> rows = rows(ByteBuffer.wrap(encoder.bytes(), 0, encoder.length()));
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static byte[] value(List<byte[]> fields) {
        assertThat(fields).hasSize(2);
        assertThat(ByteBuffer.wrap(fields.get(0)).getLong()).as("seq").isEqualTo(7);
        return fields.get(1);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Reads tuples (16-bit count, then 32-bit length and bytes per field) until the buffer ends or a -1 count. */
    private static List<List<byte[]>> rows(ByteBuffer in) {
        List<List<byte[]>> rows = new ArrayList<>();
        while (in.hasRemaining()) {
            short count = in.getShort();
            if (count == -1) {
                break;
            }
            List<byte[]> fields = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int len = in.getInt();
                if (len < 0) {
                    fields.add(null);
                } else {
                    byte[] b = new byte[len];
                    in.get(b);
                    fields.add(b);
                }
            }
            rows.add(fields);
        }
        return rows;
    }

    @Test
    void aCopyStartsWithTheSignatureAndEndsWithTheTrailer() {
        encoder.begin();
        encoder.end();
        assertThat(HexFormat.of().formatHex(encoder.bytes(), 0, encoder.length()))
                .isEqualTo("5047434f50590aff0d0a00" + "00000000" + "00000000" + "ffff");
    }

    @Test
    void textIsUtf8WithNothingEscaped() {
        String s = "a\tb\nc\rd\\e \\N 'q' \"dq\" ; é漢😀";
        assertThat(utf8(value(encode(ColumnType.TEXT, s)))).isEqualTo(s);
        assertThat(value(encode(ColumnType.TEXT, ""))).isEmpty();
    }

    @Test
    void whatPostgresCannotStoreBecomesTheReplacementCharacter() {
        assertThat(utf8(value(encode(ColumnType.TEXT, "a\u0000b")))).isEqualTo("a\uFFFDb");
        assertThat(utf8(value(encode(ColumnType.TEXT, "lone \uD83D surrogate")))).isEqualTo("lone \uFFFD surrogate");
        assertThat(utf8(value(encode(ColumnType.TEXT, "end \uDE00")))).isEqualTo("end \uFFFD");
    }

    @Test
    void nullIsLengthMinusOneAndAShortRowIsPaddedWithNulls() {
        encoder.schema(TableSchema.of(new Column("a", ColumnType.BIGINT), new Column("b", ColumnType.TEXT),
                new Column("c", ColumnType.JSON)));
        encoder.row(1, new Object[] {5L});
        encoder.row(2, new Object[] {null, "", null});
        List<List<byte[]>> rows = rows(ByteBuffer.wrap(encoder.bytes(), 0, encoder.length()));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).hasSize(4);
        assertThat(ByteBuffer.wrap(rows.get(0).get(1)).getLong()).isEqualTo(5);
        assertThat(rows.get(0).subList(2, 4)).containsOnlyNulls();
        assertThat(rows.get(1).get(1)).isNull();
        assertThat(rows.get(1).get(2)).isEmpty();
        assertThat(rows.get(1).get(3)).isNull();
    }

    @Test
    void rowsForTheReplacementTableCarryNoArrivalNumber() {
        encoder.schema(TableSchema.of(new Column("a", ColumnType.BIGINT), new Column("b", ColumnType.TEXT)), false);
        encoder.row(1, new Object[] {5L, "x"});
        List<List<byte[]>> rows = rows(ByteBuffer.wrap(encoder.bytes(), 0, encoder.length()));
        assertThat(rows.get(0)).hasSize(2);
        assertThat(ByteBuffer.wrap(rows.get(0).get(0)).getLong()).isEqualTo(5);
        assertThat(utf8(rows.get(0).get(1))).isEqualTo("x");
    }

    @Test
    void jsonbIsVersionOneThenTheTextWithTheNulEscapeReplaced() {
        String json = "{\"a\":\"x\\u0000y\",\"b\":\"\\\\u0000\",\"c\":\"t\\tn\\n\\\"\",\"d\":\"\\\\\"}";
        byte[] b = value(encode(ColumnType.JSON, json));
        assertThat(b[0]).isEqualTo((byte) 1);
        assertThat(utf8(Arrays.copyOfRange(b, 1, b.length)))
                .isEqualTo("{\"a\":\"x\\ufffdy\",\"b\":\"\\\\u0000\",\"c\":\"t\\tn\\n\\\"\",\"d\":\"\\\\\"}");
    }

    @Test
    void numbersBooleansDatesAndTimestampsInTheirBinaryForms() {
        assertThat(ByteBuffer.wrap(value(encode(ColumnType.BIGINT, Long.MIN_VALUE))).getLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(HexFormat.of().formatHex(value(encode(ColumnType.BIGINT, 258L)))).isEqualTo("0000000000000102");
        assertThat(ByteBuffer.wrap(value(encode(ColumnType.DOUBLE, 0.1 + 0.2))).getDouble()).isEqualTo(0.1 + 0.2);
        assertThat(value(encode(ColumnType.BOOLEAN, true))).containsExactly(1);
        assertThat(value(encode(ColumnType.BOOLEAN, false))).containsExactly(0);
        // days and microseconds from 2000-01-01T00:00:00Z
        assertThat(ByteBuffer.wrap(value(encode(ColumnType.DATE, LocalDate.of(2000, 1, 2)))).getInt()).isEqualTo(1);
        assertThat(ByteBuffer.wrap(value(encode(ColumnType.DATE, LocalDate.of(1999, 12, 31)))).getInt()).isEqualTo(-1);
        assertThat(ByteBuffer.wrap(value(encode(ColumnType.TIMESTAMPTZ, Instant.parse("2000-01-01T00:00:01.987654321Z"))))
                .getLong()).isEqualTo(1_987_654);
        assertThat(ByteBuffer.wrap(value(encode(ColumnType.TIMESTAMPTZ, Instant.parse("1999-12-31T23:59:59.5Z"))))
                .getLong()).isEqualTo(-500_000);
    }

    @Test
    void aValueLargerThanTheBufferGrowsIt() {
        String big = "x".repeat(CopyEncoder.FLUSH_AT * 3);
        assertThat(utf8(value(encode(ColumnType.TEXT, big)))).isEqualTo(big);
    }

    @Test
    void aValueOfTheWrongClassNamesTheColumnAndLeavesNoHalfRow() {
        encoder.schema(TableSchema.of(new Column("id", ColumnType.BIGINT), new Column("at", ColumnType.TIMESTAMPTZ)));
        encoder.row(1, new Object[] {1L, Instant.EPOCH});
        int before = encoder.length();
        assertThatThrownBy(() -> encoder.row(2, new Object[] {2L, "2024-01-01"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column at (TIMESTAMPTZ) cannot hold a String value");
        assertThat(encoder.length()).isEqualTo(before);
    }

    @Test
    void aValueBeyondWhatTheBinaryFormCanHoldNamesTheColumnAndLeavesNoHalfRow() {
        encoder.schema(TableSchema.of(new Column("id", ColumnType.BIGINT), new Column("at", ColumnType.TIMESTAMPTZ)));
        int before = encoder.length();
        assertThatThrownBy(() -> encoder.row(2, new Object[] {2L, Instant.MAX}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column at (TIMESTAMPTZ): " + Instant.MAX + " is out of PostgreSQL's range");
        assertThat(encoder.length()).isEqualTo(before);
    }
}
