package dev.togglsync.target.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CopyEncoderTest {
    private final CopyEncoder encoder = new CopyEncoder();

    private String encode(ColumnType type, Object value) {
        encoder.reset();
        encoder.schema(TableSchema.of(new Column("c", type)));
        encoder.row(7, new Object[] {value});
        return new String(encoder.bytes(), 0, encoder.length(), StandardCharsets.UTF_8);
    }

    @Test
    void textEscapesExactlyTheCharactersTheCopyTextFormatGivesMeaningTo() {
        assertThat(encode(ColumnType.TEXT, "a\tb\nc\rd\\e \\N 'q' \"dq\" ;"))
                .isEqualTo("7\ta\\tb\\nc\\rd\\\\e \\\\N 'q' \"dq\" ;\n");
    }

    @Test
    void nullIsBackslashNAndAShortRowIsPaddedWithNulls() {
        encoder.schema(TableSchema.of(new Column("a", ColumnType.BIGINT), new Column("b", ColumnType.TEXT),
                new Column("c", ColumnType.JSON)));
        encoder.row(1, new Object[] {5L});
        encoder.row(2, new Object[] {null, "", null});
        assertThat(new String(encoder.bytes(), 0, encoder.length(), StandardCharsets.UTF_8))
                .isEqualTo("1\t5\t\\N\t\\N\n2\t\\N\t\t\\N\n");
    }

    @Test
    void unicodeIsUtf8AndWhatPostgresCannotStoreBecomesTheReplacementCharacter() {
        assertThat(encode(ColumnType.TEXT, "é漢😀")).isEqualTo("7\té漢😀\n");
        assertThat(encode(ColumnType.TEXT, "a\u0000b")).isEqualTo("7\ta\uFFFDb\n");
        assertThat(encode(ColumnType.TEXT, "lone \uD83D surrogate")).isEqualTo("7\tlone \uFFFD surrogate\n");
    }

    @Test
    void jsonKeepsEscapesButReplacesTheNulEscapeThatJsonbRejects() {
        String json = "{\"a\":\"x\\u0000y\",\"b\":\"\\\\u0000\",\"c\":\"t\\tn\\n\\\"\"}";
        assertThat(encode(ColumnType.JSON, json))
                .isEqualTo("7\t{\"a\":\"x\\\\ufffdy\",\"b\":\"\\\\\\\\u0000\",\"c\":\"t\\\\tn\\\\n\\\\\"\"}\n");
        assertThat(encode(ColumnType.JSON, "[\n\t1]")).isEqualTo("7\t[\\n\\t1]\n");
    }

    @Test
    void numbersBooleansDatesAndTimestamps() {
        assertThat(encode(ColumnType.BIGINT, Long.MIN_VALUE)).isEqualTo("7\t-9223372036854775808\n");
        assertThat(encode(ColumnType.BIGINT, -42L)).isEqualTo("7\t-42\n");
        assertThat(encode(ColumnType.BIGINT, 0L)).isEqualTo("7\t0\n");
        assertThat(encode(ColumnType.DOUBLE, 0.1 + 0.2)).isEqualTo("7\t0.30000000000000004\n");
        assertThat(encode(ColumnType.DOUBLE, 1e300)).isEqualTo("7\t1.0E300\n");
        assertThat(encode(ColumnType.BOOLEAN, true)).isEqualTo("7\tt\n");
        assertThat(encode(ColumnType.BOOLEAN, false)).isEqualTo("7\tf\n");
        assertThat(encode(ColumnType.DATE, LocalDate.of(2024, 2, 29))).isEqualTo("7\t2024-02-29\n");
        assertThat(encode(ColumnType.TIMESTAMPTZ, Instant.parse("2024-02-29T23:59:59.987654321Z")))
                .isEqualTo("7\t2024-02-29 23:59:59.987654+00\n");
        assertThat(encode(ColumnType.TIMESTAMPTZ, Instant.parse("1969-12-31T23:59:59.5Z")))
                .isEqualTo("7\t1969-12-31 23:59:59.500000+00\n");
        assertThat(encode(ColumnType.TIMESTAMPTZ, Instant.parse("+10000-01-01T00:00:00Z")))
                .isEqualTo("7\t+10000-01-01T00:00:00Z\n");
    }

    @Test
    void aValueLargerThanTheBufferGrowsIt() {
        String big = "x".repeat(CopyEncoder.FLUSH_AT * 3);
        assertThat(encode(ColumnType.TEXT, big)).isEqualTo("7\t" + big + "\n");
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
}
