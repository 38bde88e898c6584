package dev.togglsync.target.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.FileConnection;
import dev.togglsync.config.Mode;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.TableName;
import dev.togglsync.target.WriteProbe;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The file target, each format and mode, its files read back by DuckDB's own readers. */
class FileTargetTest {
    private static final TableSchema SCHEMA = TableSchema.of(
            new Column("id", ColumnType.BIGINT),
            new Column("name", ColumnType.TEXT),
            new Column("rate", ColumnType.DOUBLE),
            new Column("active", ColumnType.BOOLEAN),
            new Column("at", ColumnType.TIMESTAMPTZ),
            new Column("day", ColumnType.DATE),
            new Column("tags", ColumnType.JSON));
    private static final String TEXT = "comma, \"quoted\" 'single' new\nline cr\r é 漢字 😀";
    private static final String JSON_TEXT = "{\"a\": [1, 2.5, null, true], \"s\": \"x\\ny\", \"o\": {\"k\": []}}";
    private static final Instant AT = Instant.parse("2024-02-29T23:59:59.987654Z");
    private static final Object[] FULL = {(1L << 40) + 7, TEXT, 0.1 + 0.2, true, AT, LocalDate.of(2024, 2, 29), JSON_TEXT};
    private static final Object[] NULLS = {3L, null, null, null, null, null, null};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private FileTarget target() {
        return new FileTarget(new FileConnection("FILES", dir), Clock.systemUTC());
    }

    private static LoadRequest request(String object, Mode mode) {
        return new LoadRequest(TableName.parse(object), SCHEMA, mode, List.of("id"), "TOGGL", "items");
    }

    private static void load(FileTarget t, String object, Mode mode, List<Object[]> rows, StreamState state) {
        try (StreamLoad load = t.begin(request(object, mode))) {
            rows.forEach(load::accept);
            load.commit(state);
        }
    }

    private static List<Object[]> rows(Object[]... rows) {
        return List.of(rows);
    }

    private static StreamState state(long n) {
        return new StreamState(Optional.of(Instant.ofEpochSecond(1_700_000_000L + n)), Instant.ofEpochSecond(1_700_000_100L), n);
    }

    private static String reader(FileFormat format, Path file) {
        String path = "'" + file.toString().replace("'", "''") + "'";
        String loadedAt = file.getFileName().toString().matches("(part|snapshot)-.*")
                ? ", '" + FileLoad.LOADED_AT + "': 'TIMESTAMPTZ'" : "";
        return switch (format) {
            case PARQUET -> "read_parquet(" + path + ")";
            case CSV -> "read_csv(" + path + ", header = true, columns = {'id': 'BIGINT', 'name': 'VARCHAR', 'rate': 'DOUBLE',"
                    + " 'active': 'BOOLEAN', 'at': 'TIMESTAMPTZ', 'day': 'DATE', 'tags': 'JSON'" + loadedAt + "})";
            case JSONL -> "read_json(" + path + ", format = 'newline_delimited', columns = {'id': 'BIGINT', 'name': 'VARCHAR',"
                    + " 'rate': 'DOUBLE', 'active': 'BOOLEAN', 'at': 'TIMESTAMPTZ', 'day': 'DATE', 'tags': 'JSON'" + loadedAt + "})";
        };
    }

    /** Rows read back by DuckDB as Java values of the declared types, ordered by id. */
    private static List<Object[]> readBack(FileFormat format, Path file) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            try (ResultSet r = s.executeQuery("SELECT id, name, rate, active, \"at\", \"day\", CAST(tags AS VARCHAR) FROM "
                    + reader(format, file) + " ORDER BY id")) {
                while (r.next()) {
                    OffsetDateTime at = r.getObject(5, OffsetDateTime.class);
                    rows.add(new Object[] {r.getObject(1), r.getObject(2), r.getObject(3), r.getObject(4),
                        at == null ? null : at.toInstant(), r.getObject(6, LocalDate.class), r.getString(7)});
                }
            }
        }
        return rows;
    }

    private static void assertRow(Object[] actual, Object[] expected) throws Exception {
        for (int i = 0; i < expected.length; i++) {
            if (i == 6 && expected[i] != null) {
                assertThat(JSON.readTree((String) actual[i])).isEqualTo(JSON.readTree((String) expected[i]));
            } else {
                assertThat(actual[i]).as(SCHEMA.column(i).name()).isEqualTo(expected[i]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void fullRefreshWritesEveryTypeThatReadsBackExactly(FileFormat format) throws Exception {
        FileTarget t = target();
        load(t, "items." + format.extension(), Mode.FULL_REFRESH, rows(FULL, NULLS), state(1));

        Path file = dir.resolve("items." + format.extension());
        List<Object[]> back = readBack(format, file);
        assertThat(back).hasSize(2);
        assertRow(back.get(0), NULLS);
        assertRow(back.get(1), FULL);
        assertThat(t.state("TOGGL", "items")).contains(state(1));
        assertThat(leftovers()).isEmpty();

        load(t, "items." + format.extension(), Mode.FULL_REFRESH, rows(NULLS), state(2));
        assertThat(readBack(format, file)).hasSize(1);
        load(t, "items." + format.extension(), Mode.FULL_REFRESH, rows(), state(3));
        assertThat(readBack(format, file)).isEmpty();
        assertThat(t.state("TOGGL", "items")).contains(state(3));
    }

    @Test
    void parquetColumnsCarryTheDeclaredTypes() throws Exception {
        load(target(), "items.parquet", Mode.FULL_REFRESH, rows(FULL), state(1));
        List<String> types = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet r = s.executeQuery("SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM read_parquet('"
                        + dir.resolve("items.parquet") + "'))")) {
            while (r.next()) {
                types.add(r.getString(1));
            }
        }
        assertThat(types).containsExactly("id BIGINT", "name VARCHAR", "rate DOUBLE", "active BOOLEAN",
                "at TIMESTAMP WITH TIME ZONE", "day DATE", "tags JSON");
    }

    @Test
    void csvHasAHeaderRfc4180QuotingAndIsoTimestamps() throws Exception {
        load(target(), "items.csv", Mode.FULL_REFRESH, rows(new Object[] {1L, "a,\"b\"\nc", 1.5, false,
            Instant.parse("2024-05-06T07:08:09Z"), LocalDate.of(2024, 5, 6), "[1,2]"}), state(1));
        String csv = Files.readString(dir.resolve("items.csv"), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("id,name,rate,active,at,day,tags\n"
                + "1,\"a,\"\"b\"\"\nc\",1.5,false,2024-05-06T07:08:09.000000Z,2024-05-06,\"[1,2]\"\n");
    }

    @Test
    void jsonLinesHoldOneObjectPerLineWithJsonColumnsNested() throws Exception {
        load(target(), "items.jsonl", Mode.FULL_REFRESH, rows(FULL, NULLS), state(1));
        List<String> lines = Files.readAllLines(dir.resolve("items.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        var first = JSON.readTree(lines.get(0));
        assertThat(first.get("id").asLong()).isEqualTo((1L << 40) + 7);
        assertThat(first.get("name").asText()).isEqualTo(TEXT);
        assertThat(first.get("tags")).isEqualTo(JSON.readTree(JSON_TEXT));
        assertThat(first.get("at").asText()).isEqualTo("2024-02-29T23:59:59.987654Z");
    }

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void incrementalAddsAPartFilePerRunAndSnapshotAFilePerRun(FileFormat format) throws Exception {
        FileTarget t = target();
        String object = "items." + format.extension();
        load(t, object, Mode.INCREMENTAL, rows(FULL, NULLS), state(1));
        load(t, object, Mode.INCREMENTAL, rows(NULLS, NULLS), state(2));
        load(t, object, Mode.SNAPSHOT, rows(FULL), state(3));

        List<Path> parts = files(dir.resolve("items"), "part-");
        assertThat(parts).hasSize(2);
        assertThat(readBack(format, parts.get(0))).hasSize(2);
        // A key repeated within one load: its last copy only.
        assertThat(readBack(format, parts.get(1))).hasSize(1);
        assertThat(files(dir.resolve("items"), "snapshot-")).hasSize(1);
        assertThat(dir.resolve("items." + format.extension())).doesNotExist();
        assertThat(t.states()).hasSize(1);
        assertThat(t.state("TOGGL", "items")).contains(state(3));
    }

    @Test
    void partFilesCarryTheLoadTimeSoReadersKeepTheLatestCopyOfAKey() throws Exception {
        Instant first = Instant.parse("2024-01-01T00:00:00Z");
        FileTarget early = new FileTarget(new FileConnection("FILES", dir), Clock.fixed(first, ZoneOffset.UTC));
        FileTarget late = new FileTarget(new FileConnection("FILES", dir), Clock.fixed(first.plusSeconds(60), ZoneOffset.UTC));
        load(early, "items.parquet", Mode.INCREMENTAL, rows(new Object[] {1L, "old"}, new Object[] {2L, "two"}), state(1));
        load(late, "items.parquet", Mode.INCREMENTAL, rows(new Object[] {1L, "new"}), state(2));
        List<String> latest = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet r = s.executeQuery("SELECT id, name FROM read_parquet('" + dir.resolve("items") + "/part-*.parquet')"
                        + " QUALIFY row_number() OVER (PARTITION BY id ORDER BY _toggl_sync_loaded_at DESC) = 1 ORDER BY id")) {
            while (r.next()) {
                latest.add(r.getLong(1) + "=" + r.getString(2));
            }
        }
        assertThat(latest).containsExactly("1=new", "2=two");
    }

    @Test
    void objectsWithoutAFormatExtensionAreSchemaTableParquetFiles() throws Exception {
        load(target(), "toggl.items", Mode.FULL_REFRESH, rows(FULL), state(1));
        assertThat(readBack(FileFormat.PARQUET, dir.resolve("toggl/items.parquet"))).hasSize(1);
        load(target(), "items", Mode.FULL_REFRESH, rows(FULL), state(1));
        assertThat(dir.resolve("items.parquet")).exists();
    }

    @Test
    void truncateIsRefusedWithAMessage() {
        assertThatThrownBy(() -> target().begin(request("items.csv", Mode.TRUNCATE)))
                .isInstanceOfSatisfying(TogglSyncException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessageContaining("mode truncate").hasMessageContaining("use full-refresh");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void anObjectThatLeavesTheFolderIsRefused() {
        assertThatThrownBy(() -> target().begin(request("../../etc/passwd.csv", Mode.FULL_REFRESH)))
                .hasMessageContaining("leaves the target folder");
    }

    @Test
    void aLoadClosedWithoutCommitChangesNothing() throws Exception {
        FileTarget t = target();
        load(t, "items.parquet", Mode.FULL_REFRESH, rows(FULL), state(1));
        byte[] before = Files.readAllBytes(dir.resolve("items.parquet"));
        try (StreamLoad load = t.begin(request("items.parquet", Mode.FULL_REFRESH))) {
            load.accept(NULLS);
        }
        assertThat(Files.readAllBytes(dir.resolve("items.parquet"))).isEqualTo(before);
        assertThat(t.state("TOGGL", "items")).contains(state(1));
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void stateResetRemovesOneStreamAndReadingNeverCreatesAnything() throws Exception {
        FileTarget t = target();
        assertThat(t.states()).isEmpty();
        assertThat(dir.toFile().list()).isEmpty();
        load(t, "items.csv", Mode.FULL_REFRESH, rows(FULL), state(1));
        assertThat(t.resetState("TOGGL", "items")).isTrue();
        assertThat(t.resetState("TOGGL", "items")).isFalse();
        assertThat(t.states()).isEmpty();
    }

    @Test
    void writeCheckWritesAndRemovesAProbe() {
        Path folder = dir.resolve("new/folder");
        FileTarget t = new FileTarget(new FileConnection("FILES", folder), Clock.systemUTC());
        assertThat(t.checkWritable("")).isEqualTo(WriteProbe.fileIn(folder.toString()));
        assertThat(folder.toFile().list()).isEmpty();
    }

    @Test
    void aSecondLoadIntoTheSameFolderWaitsThenFailsNamingTheLock() {
        FileTarget t = new FileTarget(new FileConnection("FILES", dir), java.time.Duration.ofMillis(300), Clock.systemUTC());
        try (StreamLoad first = t.begin(request("items.parquet", Mode.FULL_REFRESH))) {
            assertThatThrownBy(() -> t.begin(request("other.parquet", Mode.FULL_REFRESH)))
                    .isInstanceOfSatisfying(TogglSyncException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.TARGET))
                    .hasMessageContaining("another toggl-sync run").hasMessageContaining(FolderLock.NAME);
        }
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().contains(AtomicFiles.TEMP_SUFFIX)).toList();
        }
    }

    private static List<Path> files(Path folder, String prefix) throws Exception {
        try (Stream<Path> all = Files.list(folder)) {
            return all.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }
}
