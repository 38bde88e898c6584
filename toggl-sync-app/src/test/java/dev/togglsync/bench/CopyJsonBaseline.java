package dev.togglsync.bench;

import dev.togglsync.testing.TestTargets;
import dev.togglsync.toggl.TogglStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * bench/files.sh's baseline for the file target: DuckDB's own {@code COPY (SELECT * FROM read_json(...))
 * TO} of a saved {@code /me/time_entries} body, with the declared time_entries columns and types,
 * into one Parquet or CSV file. Prints {@code seconds}.
 *
 * <p>Usage: {@code ... dev.togglsync.bench.CopyJsonBaseline BODY.json OUT_FILE parquet|csv}
 */
public final class CopyJsonBaseline {
    private CopyJsonBaseline() {}

    public static void main(String[] args) throws Exception {
        Path body = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        String options = args[2].equals("csv") ? "FORMAT csv, HEADER true" : "FORMAT parquet, COMPRESSION zstd";
        String columns = TestTargets.duckDbColumns(TogglStream.TIME_ENTRIES.spec().schema());
        Files.deleteIfExists(out);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            s.execute("COPY (SELECT * FROM read_json('" + body.toString().replace("'", "''") + "', format = 'array',"
                    + " columns = " + columns + ")) TO '" + out.toString().replace("'", "''") + "' (" + options + ")");
            System.out.println((System.nanoTime() - t0) / 1e9);
        }
    }

}
