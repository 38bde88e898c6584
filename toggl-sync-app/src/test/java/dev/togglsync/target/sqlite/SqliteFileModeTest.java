package dev.togglsync.target.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Mode;
import dev.togglsync.config.SqliteConnection;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.TableName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, finding 9: an SQLite file holds the whole account, so it is readable by its owner
 * only, and so are the -wal and -shm files SQLite keeps next to it while a load writes.
 */
class SqliteFileModeTest {
    @TempDir
    Path dir;

    private SqliteTarget target(Path file) {
        return new SqliteTarget(new SqliteConnection("LITE", file), Duration.ofSeconds(5), Clock.systemUTC());
    }

    private static LoadRequest request() {
        return new LoadRequest(TableName.parse("items"), TableSchema.of(new Column("id", ColumnType.BIGINT),
                new Column("name", ColumnType.TEXT)), Mode.FULL_REFRESH, List.of("id"), "TOGGL", "items");
    }

    /** Every file SQLite keeps for {@code file} (itself, -wal, -shm, -journal), with its mode. */
    private static Map<String, String> modes(Path file) throws IOException {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> all = Files.list(file.getParent())) {
            for (Path p : all.filter(p -> p.getFileName().toString().startsWith(file.getFileName().toString())).toList()) {
                modes.put(p.getFileName().toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        return modes;
    }

    @Test
    void aNewDatabaseFileAndItsWalAndShmFilesAre0600WhileALoadWrites() throws Exception {
        Path file = dir.resolve("nested/toggl.db");
        SqliteTarget t = target(file);
        try (StreamLoad load = t.begin(request())) {
            load.accept(new Object[] {1L, "private"});
            Map<String, String> during = modes(file);
            assertThat(during).as("SQLite keeps a write-ahead log while a load writes")
                    .containsKeys("toggl.db", "toggl.db-wal", "toggl.db-shm");
            assertThat(during.values()).as(during.toString()).allMatch("rw-------"::equals);
            load.commit(new StreamState(Optional.empty(), Instant.EPOCH, 1));
        }
        assertThat(modes(file)).containsEntry("toggl.db", "rw-------").allSatisfy((name, mode) ->
                assertThat(mode).as(name).isEqualTo("rw-------"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT name FROM items")) {
            assertThat(r.next()).as("the empty file it was handed became the database").isTrue();
            assertThat(r.getString(1)).isEqualTo("private");
        }
    }

    @Test
    void anExistingFileKeepsItsMode() throws Exception {
        Path file = dir.resolve("shared.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("CREATE TABLE t (x INT)");
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThat(target(file).states()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }
}
