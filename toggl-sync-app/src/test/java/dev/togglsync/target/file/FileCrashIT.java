package dev.togglsync.target.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A full-refresh never leaves a half-written file under the final name: a child process rewrites
 * the file again and again and is killed (SIGKILL) at random moments, most of them inside a
 * {@code COPY}; after each kill the file under the final name must read back whole, holding exactly
 * the rows of the one load it names, and the next load must clean up the temporary file.
 */
class FileCrashIT {
    private static final int TRIALS = Integer.getInteger("fileTrials", 8);
    private static final int ROWS = 100_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "csv", "jsonl"})
    void aKilledFullRefreshLeavesTheOldFileOrTheNewOneNeverAPartialOne(String ext) throws Exception {
        Path folder = dir.resolve(ext);
        Path file = folder.resolve("items." + ext);
        Random random = new Random(15);
        int killedWithTemporary = 0;
        int checked = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            ChildJvm child = ChildJvm.of(FileWriterChild.class).withJvmOptions("-Xmx256m")
                    .start(folder.toString(), ext, Integer.toString(ROWS));
            child.awaitFirstLine(Duration.ofSeconds(30));
            // After a first whole file, at a random moment of the following loads (each rewrites the file).
            long t0 = System.nanoTime();
            awaitLine(child, "load 1");
            long loadMillis = Math.max(50, (System.nanoTime() - t0) / 1_000_000);
            Thread.sleep((long) (random.nextDouble() * 2 * loadMillis));
            boolean temporaryPresent = hasTemporary(folder);
            assertThat(child.kill()).as("child still running: " + child.err()).isTrue();
            if (temporaryPresent) {
                killedWithTemporary++;
            }
            if (Files.exists(file)) {
                long[] loadAndRows = readBack(file, ext);
                assertThat(loadAndRows[1]).as("trial %d: rows of load %d", trial, loadAndRows[0])
                        .isEqualTo(ROWS + loadAndRows[0]);
                checked++;
            }
        }
        System.out.println("[reliability] file crash trials (" + ext + "): " + TRIALS + " kills, " + checked
                + " files read back whole, " + killedWithTemporary + " kills while a temporary file was being written");
        assertThat(checked).isEqualTo(TRIALS);
        // The next loads remove what the killed ones left: two whole loads, waited for, not killed
        // (a kill after "load 2" could land in load 3 and leave its own temporary file).
        ChildJvm last = ChildJvm.of(FileWriterChild.class).withJvmOptions("-Xmx256m")
                .start(folder.toString(), ext, "10", "2");
        assertThat(last.awaitExit(Duration.ofSeconds(60))).as(last.err()).isZero();
        assertThat(last.out()).contains("load 2\n");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("temporary files left after a whole load").noneMatch(n -> n.contains(AtomicFiles.TEMP_SUFFIX));
        }
    }

    private static void awaitLine(ChildJvm child, String line) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!child.out().contains(line + "\n")) {
            assertThat(System.nanoTime() < deadline && child.isAlive()).as("child printed " + line + ": " + child.err())
                    .isTrue();
            Thread.sleep(5);
        }
    }

    private static boolean hasTemporary(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (var files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().contains(AtomicFiles.TEMP_SUFFIX));
        }
    }

    /** {load, rows} of the file; fails when the file cannot be read whole or mixes loads. */
    private static long[] readBack(Path file, String ext) throws SQLException {
        String reader = switch (ext) {
            case "parquet" -> "read_parquet('" + file + "')";
            case "csv" -> "read_csv('" + file + "', header = true, columns = {'id': 'BIGINT', 'load': 'BIGINT',"
                    + " 'name': 'VARCHAR', 'at': 'TIMESTAMPTZ'})";
            default -> "read_json('" + file + "', format = 'newline_delimited', columns = {'id': 'BIGINT',"
                    + " 'load': 'BIGINT', 'name': 'VARCHAR', 'at': 'TIMESTAMPTZ'})";
        };
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet r = s.executeQuery("SELECT min(load), max(load), count(*), count(DISTINCT id) FROM " + reader)) {
            r.next();
            assertThat(r.getLong(1)).as("one load per file").isEqualTo(r.getLong(2));
            assertThat(r.getLong(3)).as("no repeated id").isEqualTo(r.getLong(4));
            return new long[] {r.getLong(1), r.getLong(3)};
        }
    }
}
