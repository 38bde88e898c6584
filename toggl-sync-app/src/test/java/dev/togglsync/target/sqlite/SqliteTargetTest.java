package dev.togglsync.target.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Mode;
import dev.togglsync.config.SqliteConnection;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.TableName;
import dev.togglsync.target.WriteProbe;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SQLite target against a real database file: types, the four modes, state, locking. */
class SqliteTargetTest {
    private static final TableSchema SCHEMA = TableSchema.of(
            new Column("id", ColumnType.BIGINT),
            new Column("name", ColumnType.TEXT),
            new Column("rate", ColumnType.DOUBLE),
            new Column("active", ColumnType.BOOLEAN),
            new Column("at", ColumnType.TIMESTAMPTZ),
            new Column("day", ColumnType.DATE),
            new Column("tags", ColumnType.JSON));
    private static final TableName TABLE = new TableName("toggl", "items");

    @TempDir
    Path dir;

    private SqliteTarget target(Duration lockTimeout) {
        return new SqliteTarget(new SqliteConnection("LITE", dir.resolve("nested/toggl.db")), lockTimeout, Clock.systemUTC());
    }

    private SqliteTarget target() {
        return target(Duration.ofSeconds(5));
    }

    private static LoadRequest request(Mode mode) {
        return new LoadRequest(TABLE, SCHEMA, mode, List.of("id"), "TOGGL", "items");
    }

    private static void load(SqliteTarget t, Mode mode, List<Object[]> rows, StreamState state) {
        try (StreamLoad load = t.begin(request(mode))) {
            rows.forEach(load::accept);
            load.commit(state);
        }
    }

    private static List<Object[]> rows(Object[]... rows) {
        return List.of(rows);
    }

    private static Object[] row(long id, String name) {
        return new Object[] {id, name};
    }

    private static StreamState state(long n) {
        return new StreamState(Optional.of(Instant.ofEpochSecond(1_700_000_000L + n)), Instant.ofEpochSecond(1_700_000_100L), n);
    }

    private Connection reader() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("nested/toggl.db"));
    }

    private List<String> query(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = reader(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    values.add(String.valueOf(r.getObject(i)));
                }
                out.add(String.join("|", values));
            }
        }
        return out;
    }

    @Test
    void typesAreMappedAsDocumented() throws Exception {
        load(target(), Mode.FULL_REFRESH, rows(
                new Object[] {(1L << 40) + 7, "é 漢字 😀 'q'", 0.5, true, Instant.parse("2024-02-29T23:59:59.987654Z"),
                    LocalDate.of(2024, 2, 29), "[1,2]"},
                new Object[] {2L, null, null, false, Instant.parse("2024-05-06T07:08:09Z"), null, null}), state(1));

        assertThat(query("SELECT name || ' ' || type FROM pragma_table_info('toggl_items') ORDER BY cid")).containsExactly(
                "id INTEGER", "name TEXT", "rate REAL", "active INTEGER", "at TEXT", "day TEXT", "tags TEXT");
        assertThat(query("SELECT id, name, rate, active, at, day, tags, typeof(active) FROM toggl_items ORDER BY id"))
                .containsExactly(
                        "2|null|null|0|2024-05-06T07:08:09Z|null|null|integer",
                        "1099511627783|é 漢字 😀 'q'|0.5|1|2024-02-29T23:59:59.987654Z|2024-02-29|[1,2]|integer");
        // SQLite's own date functions read the timestamps.
        assertThat(query("SELECT unixepoch(at) FROM toggl_items WHERE id = 2")).containsExactly("1714979289");
        assertThat(query("PRAGMA journal_mode")).containsExactly("wal");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyModeCommitsRowsAndStateTogether(Mode mode) throws Exception {
        SqliteTarget t = target();
        load(t, mode, rows(row(1, "a"), row(2, "b"), row(1, "a2")), state(1));
        load(t, mode, rows(row(2, "b2"), row(3, "c")), state(2));

        List<String> expected = switch (mode) {
            case FULL_REFRESH, TRUNCATE -> List.of("2|b2", "3|c");
            case INCREMENTAL -> List.of("1|a2", "2|b2", "3|c");
            case SNAPSHOT -> List.of("1|a2", "2|b", "2|b2", "3|c");
        };
        assertThat(query("SELECT id, name FROM toggl_items ORDER BY id, name")).containsExactlyElementsOf(expected);
        assertThat(t.state("TOGGL", "items")).contains(state(2));
        assertThat(query("SELECT connection, stream FROM _toggl_sync_state")).containsExactly("TOGGL|items");
    }

    @Test
    void aLoadClosedWithoutCommitLeavesRowsAndState() throws Exception {
        SqliteTarget t = target();
        load(t, Mode.INCREMENTAL, rows(row(1, "a")), state(1));
        try (StreamLoad load = t.begin(request(Mode.INCREMENTAL))) {
            load.accept(row(1, "changed"));
            load.accept(row(9, "new"));
        }
        assertThat(query("SELECT id, name FROM toggl_items ORDER BY id")).containsExactly("1|a");
        assertThat(t.state("TOGGL", "items")).contains(state(1));
    }

    @Test
    void fullRefreshGivesTheTableAUniqueKeyAndSnapshotRefusesSuchATable() throws Exception {
        SqliteTarget t = target();
        load(t, Mode.FULL_REFRESH, rows(row(1, "a")), state(1));
        assertThat(query("SELECT name FROM pragma_index_list('toggl_items') WHERE \"unique\" = 1")).containsExactly("toggl_items_pkey");
        assertThatThrownBy(() -> t.begin(request(Mode.SNAPSHOT))).hasMessageContaining("mode snapshot")
                .hasMessageContaining("toggl_items_pkey");
    }

    @Test
    void stateResetAndWriteCheck() throws Exception {
        SqliteTarget t = target();
        assertThat(t.checkWritable("")).isEqualTo(WriteProbe.tableIn("main"));
        assertThat(query("SELECT name FROM sqlite_master WHERE type = 'table'")).isEmpty();
        assertThatThrownBy(() -> t.checkWritable("analytics")).hasMessageContaining("one schema per file");
        load(t, Mode.FULL_REFRESH, rows(row(1, "a")), state(1));
        assertThat(t.states()).hasSize(1);
        assertThat(t.resetState("TOGGL", "items")).isTrue();
        assertThat(t.states()).isEmpty();
    }

    @Test
    void aSecondLoadWaitsForTheWriteLockThenFailsNamingIt() throws Exception {
        SqliteTarget first = target();
        SqliteTarget second = target(Duration.ofMillis(500));
        load(first, Mode.FULL_REFRESH, rows(row(1, "a")), state(1));
        try (StreamLoad holding = first.begin(request(Mode.INCREMENTAL))) {
            holding.accept(row(2, "b"));
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> second.begin(request(Mode.INCREMENTAL)))
                    .isInstanceOfSatisfying(TogglSyncException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.TARGET))
                    .hasMessageContaining("write lock").hasMessageContaining("another toggl-sync run");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            // Readers are not blocked by the writer (WAL).
            assertThat(query("SELECT count(*) FROM toggl_items")).containsExactly("1");
            holding.commit(state(2));
        }
        assertThat(query("SELECT count(*) FROM toggl_items")).containsExactly("2");
    }

    @Test
    void columnsArrivingMidLoadAreAdded() throws Exception {
        SqliteTarget t = target();
        load(t, Mode.INCREMENTAL, rows(row(1, "a")), state(1));
        try (StreamLoad load = t.begin(request(Mode.INCREMENTAL))) {
            load.accept(row(2, "b"));
            load.schemaChanged(SCHEMA.with(new Column("late", ColumnType.BIGINT)));
            load.accept(new Object[] {3L, "c", null, null, null, null, null, 42L});
            load.commit(state(2));
        }
        assertThat(query("SELECT id, late FROM toggl_items ORDER BY id")).containsExactly("1|null", "2|null", "3|42");
    }
}
