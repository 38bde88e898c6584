package dev.togglsync.target.file;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The file formats of the file target, chosen by the object's extension, each written by the
 * embedded DuckDB's {@code COPY ... TO} with these options.
 */
enum FileFormat {
    /**
     * Columns keep their declared types: BIGINT, DOUBLE, BOOLEAN, VARCHAR, DATE, TIMESTAMP WITH TIME
     * ZONE (UTC, microseconds); JSON columns (arrays and objects) as text with Parquet's JSON logical
     * type, since the streams declare them as JSON, not as lists of a known element type.
     */
    PARQUET("parquet", "FORMAT parquet, COMPRESSION zstd"),
    /**
     * A header row, fields separated by commas and quoted with double quotes when they hold a comma,
     * a quote or a line break, quotes doubled inside (RFC 4180), UTF-8; timestamps as ISO-8601 UTC.
     */
    CSV("csv", "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S.%fZ'"),
    /** One JSON object per line (JSON lines); JSON columns as nested JSON, timestamps as ISO-8601 UTC. */
    JSONL("jsonl", "FORMAT json");

    /** ISO-8601 in UTC to the microsecond, as strftime spells it (the connection's time zone is UTC). */
    static final String ISO_UTC = "%Y-%m-%dT%H:%M:%S.%fZ";

    private final String extension;
    private final String copyOptions;

    FileFormat(String extension, String copyOptions) {
        this.extension = extension;
        this.copyOptions = copyOptions;
    }

    String extension() {
        return extension;
    }

    /** The options of {@code COPY ... TO 'file' (...)}. */
    String copyOptions() {
        return copyOptions;
    }

    /**
     * The SELECT expression that writes column {@code quoted} of {@code type}: the column itself,
     * except timestamps in JSON lines, which DuckDB's JSON writer spells in its own text form
     * ({@code 2024-05-06 07:08:09+00}, whatever TIMESTAMPFORMAT says) and which are ISO-8601 here.
     */
    String select(String quoted, dev.togglsync.schema.ColumnType type) {
        return this == JSONL && type == dev.togglsync.schema.ColumnType.TIMESTAMPTZ
                ? "strftime(" + quoted + ", '" + ISO_UTC + "') AS " + quoted
                : quoted;
    }

    /** The format whose extension {@code extension} is (case-insensitive). */
    static Optional<FileFormat> byExtension(String extension) {
        String e = extension.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extension.equals(e)).findFirst();
    }

    static String extensions() {
        return Arrays.stream(values()).map(f -> "." + f.extension).collect(Collectors.joining(", "));
    }
}
