package dev.togglsync.target.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.FileConnection;
import dev.togglsync.config.Mode;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.LocalFiles;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.TableName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, finding 9: the files a file target writes hold the account's data (and its state file
 * the cursors), so each is readable by its owner only: Parquet, CSV and JSON-lines files, part and
 * snapshot files, {@code _toggl_sync_state.json}.
 */
class FileModeTest {
    private static final TableSchema SCHEMA = TableSchema.of(new Column("id", ColumnType.BIGINT),
            new Column("name", ColumnType.TEXT));

    @TempDir
    Path dir;

    private void load(FileTarget t, String object, Mode mode, long n) {
        try (StreamLoad load = t.begin(new LoadRequest(TableName.parse(object), SCHEMA, mode, List.of("id"), "TOGGL",
                object.replace('.', '_')))) {
            load.accept(new Object[] {n, "private " + n});
            load.commit(new StreamState(Optional.of(Instant.ofEpochSecond(n)), Instant.ofEpochSecond(n), 1));
        }
    }

    @Test
    void everyDataFilePartFileAndTheStateFileIs0600() throws Exception {
        FileTarget t = new FileTarget(new FileConnection("FILES", dir), Clock.systemUTC());
        load(t, "full.parquet", Mode.FULL_REFRESH, 1);
        load(t, "full.parquet", Mode.FULL_REFRESH, 2);
        load(t, "sheet.csv", Mode.FULL_REFRESH, 3);
        load(t, "lines.jsonl", Mode.FULL_REFRESH, 4);
        load(t, "parts.parquet", Mode.INCREMENTAL, 5);
        load(t, "parts.parquet", Mode.INCREMENTAL, 6);
        load(t, "snaps.csv", Mode.SNAPSHOT, 7);

        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                modes.put(dir.relativize(p).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        // The lock file is empty and means nothing without the lock held on it.
        modes.remove(FolderLock.NAME);
        assertThat(modes.keySet()).as("what the loads wrote").contains("full.parquet", "sheet.csv", "lines.jsonl",
                StateFile.NAME).anyMatch(f -> f.startsWith("parts/part-")).anyMatch(f -> f.startsWith("snaps/snapshot-"));
        assertThat(modes.keySet().stream().filter(f -> f.startsWith("parts/part-"))).as("two part files").hasSize(2);
        assertThat(modes).allSatisfy((file, mode) -> assertThat(mode).as(file).isEqualTo("rw-------"));
    }

    @Test
    void tighteningKeepsWhatTheUmaskAlreadyTookAway() throws Exception {
        // A umask of 0277 gives 0400 where 0600 was asked for: stricter stays stricter.
        Path file = Files.createFile(dir.resolve("strict"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("r--r--r--")));
        LocalFiles.makePrivate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--------");
    }
}
