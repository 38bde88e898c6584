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
    JSONL("jsonl", "FORMAT json, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S.%fZ'");

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

    /** The format whose extension {@code extension} is (case-insensitive). */
    static Optional<FileFormat> byExtension(String extension) {
        String e = extension.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extension.equals(e)).findFirst();
    }

    static String extensions() {
        return Arrays.stream(values()).map(f -> "." + f.extension).collect(Collectors.joining(", "));
    }
}
