package dev.togglsync.bench;

import dev.togglsync.testing.TestTargets;
import dev.togglsync.toggl.TogglStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * bench/run.sh's DuckDB baseline: DuckDB's own {@code read_json} of a saved
 * {@code /me/time_entries} body into a new table of the declared time_entries columns and types
 * (timestamps parsed, arrays kept as JSON), in a fresh database file, committed, as the CLI's
 * full-refresh commits. Prints one line per run: {@code rows seconds}. With a STREAM argument, the
 * columns of that stream instead (the history row: report_time_entries rows exported as one JSON array).
 *
 * <p>Usage: {@code ... dev.togglsync.bench.ReadJsonBaseline BODY.json WORK_DIR RUNS [STREAM]}
 */
public final class ReadJsonBaseline {
    private ReadJsonBaseline() {}

    public static void main(String[] args) throws Exception {
        Path body = Path.of(args[0]).toAbsolutePath();
        Path dir = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        TogglStream stream = args.length > 3 ? TogglStream.find(args[3]).orElseThrow() : TogglStream.TIME_ENTRIES;
        String table = stream.streamName();
        String columns = TestTargets.duckDbColumns(stream.spec().schema());
        for (int run = 1; run <= runs; run++) {
            Path file = dir.resolve("read_json_baseline.duckdb");
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir.resolve("read_json_baseline.duckdb.wal"));
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
                long t0 = System.nanoTime();
                s.execute("CREATE TABLE " + table + " AS SELECT * FROM read_json('" + body.toString().replace("'", "''")
                        + "', format = 'array', columns = " + columns + ")");
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.println(count(s, table) + " " + seconds);
            }
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

}
