package dev.togglsync.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Mode;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour every {@link Target} must show, run against each real database by a subclass:
 * modes, types, atomicity of rows and state, repeated keys, schema growth, hostile names, and what
 * a concurrent reader sees. Each test starts from an empty database.
 */
public abstract class TargetContract {
    protected static final TableName TABLE = new TableName("toggl", "items");
    protected static final TableSchema SCHEMA = TableSchema.of(
            new Column("id", ColumnType.BIGINT),
            new Column("name", ColumnType.TEXT),
            new Column("rate", ColumnType.DOUBLE),
            new Column("active", ColumnType.BOOLEAN),
            new Column("at", ColumnType.TIMESTAMPTZ),
            new Column("day", ColumnType.DATE),
            new Column("tags", ColumnType.JSON));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2024-05-06T07:08:09.123456Z");

    private final List<Target> targets = new ArrayList<>();
    private final List<Connection> readers = new ArrayList<>();

    /** Points the subclass at an empty database for the coming test. */
    protected abstract void freshDatabase() throws Exception;

    /** A target on the current test database. */
    protected abstract Target openTarget(Clock clock);

    /** A separate connection to the current test database, for checking what readers see. */
    protected abstract Connection openReader() throws SQLException;

    /** How information_schema.columns.data_type spells the declared type of {@code type}. */
    protected abstract String reportedTypeName(ColumnType type);

    /**
     * A query, with the table's schema and name as parameters, for something that changes when a
     * table is dropped and created again (an OID).
     */
    protected abstract String tableIdentitySql();

    protected final Object tableIdentity(Connection reader, TableName table) throws SQLException {
        try (java.sql.PreparedStatement p = reader.prepareStatement(tableIdentitySql())) {
            p.setString(1, table.schema());
            p.setString(2, table.table());
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).as("table " + table + " exists").isTrue();
                return rs.getLong(1);
            }
        }
    }

    @BeforeEach
    void startFromEmptyDatabase() throws Exception {
        freshDatabase();
    }

    @AfterEach
    void closeEverything() throws SQLException {
        for (Connection c : readers) {
            c.close();
        }
        for (Target t : targets) {
            t.close();
        }
    }

    protected final Target target() {
        return target(Clock.systemUTC());
    }

    protected final Target target(Clock clock) {
        Target t = openTarget(clock);
        targets.add(t);
        return t;
    }

    protected final Connection reader() throws SQLException {
        Connection c = openReader();
        readers.add(c);
        return c;
    }

    // ---------------------------------------------------------------- types

    @Test
    void everyColumnTypeRoundTripsExactlyAndIsDeclaredAsSpecified() throws Exception {
        String text = "tab\there \"quoted\" 'single' new\nline cr\r back\\slash \\N é 漢字 😀 ;DROP TABLE x;";
        String json = "{\"s\": \"tab\\there \\\"q\\\" new\\nline back\\\\slash \\\\u0041 é 😀\",\n\t\"a\": [1, 2.5, null, true],"
                + " \"u\": \"\\u00e9\\ud83d\\ude00\", \"o\": {\"k\": []}}";
        Object[] full = {(1L << 40) + 7, text, 0.1 + 0.2, true, Instant.parse("2024-02-29T23:59:59.987654Z"),
            LocalDate.of(2024, 2, 29), json};
        Object[] extremes = {-(1L << 62), "", -1.5e300, false, Instant.parse("1970-01-01T00:00:00.000001Z"),
            LocalDate.of(1900, 1, 1), "[]"};
        Object[] nulls = {3L, null, null, null, null, null, null};

        load(target(), TABLE, SCHEMA, Mode.FULL_REFRESH, List.of(full, extremes, nulls), state(1));

        Map<String, String> declared = declaredTypes(TABLE);
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        for (Column c : SCHEMA.columns()) {
            expected.put(c.name(), reportedTypeName(c.type()));
        }
        assertThat(declared).containsExactlyEntriesOf(expected);

        List<Object[]> back = readTyped(TABLE);
        assertThat(back).hasSize(3);
        assertRowEquals(back.get(0), extremes);
        assertRowEquals(back.get(1), nulls);
        assertRowEquals(back.get(2), full);
    }

    // ---------------------------------------------------------------- modes

    @Test
    void fullRefreshLeavesExactlyThisRunsRows() throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, Mode.FULL_REFRESH, rows(1, 2, 3), state(1));
        load(t, TABLE, SCHEMA, Mode.FULL_REFRESH, rows(2, 4), state(2));

        assertThat(ids(TABLE)).containsExactly(2L, 4L);
        assertThat(t.state("TOGGL", "items")).contains(state(2));
    }

    /**
     * run --every's no-change cycle (issue 19): the state row alone is committed, and only where
     * that is the whole effect of an incremental load of nothing: into a table this target loaded.
     */
    @Test
    void aLoadOfNoRowsCommitsOnlyItsStateIntoATableThisTargetLoadedIncrementally() throws Exception {
        Target t = target();
        StreamState later = new StreamState(Optional.of(T0), T0.plusSeconds(60), 0);
        assertThat(t.commitWithoutRows(request(TABLE, SCHEMA, Mode.INCREMENTAL), later))
                .as("a table this target never loaded may be missing: the whole load must create it").isFalse();

        load(t, TABLE, SCHEMA, Mode.INCREMENTAL, rows(1, 2), state(2));
        Object identity = tableIdentity(reader(), TABLE);
        assertThat(t.commitWithoutRows(request(TABLE, SCHEMA, Mode.INCREMENTAL), later)).isTrue();
        assertThat(t.state("TOGGL", "items")).contains(later);
        assertThat(ids(TABLE)).containsExactly(1L, 2L);
        assertThat(tableIdentity(reader(), TABLE)).isEqualTo(identity);

        for (Mode other : List.of(Mode.FULL_REFRESH, Mode.TRUNCATE, Mode.SNAPSHOT)) {
            assertThat(t.commitWithoutRows(request(TABLE, SCHEMA, other), state(9))).as(other.name()).isFalse();
        }
        TableSchema wider = SCHEMA.with(new Column("added", ColumnType.TEXT));
        assertThat(t.commitWithoutRows(request(TABLE, wider, Mode.INCREMENTAL), state(9)))
                .as("a column to add is a change of the table").isFalse();
        assertThat(target().commitWithoutRows(request(TABLE, SCHEMA, Mode.INCREMENTAL), state(9)))
                .as("another target (a new process) knows nothing of this one's loads").isFalse();
        assertThat(t.state("TOGGL", "items")).contains(later);
    }

    @Test
    void fullRefreshWithZeroRowsLeavesAnEmptyTableWithTheDeclaredColumns() throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, Mode.FULL_REFRESH, rows(1, 2), state(1));
        load(t, TABLE, SCHEMA, Mode.FULL_REFRESH, List.of(), state(2));

        assertThat(ids(TABLE)).isEmpty();
        assertThat(declaredTypes(TABLE)).containsOnlyKeys(names(SCHEMA));

        TableName fresh = new TableName("other", "never_loaded");
        load(t, fresh, SCHEMA, Mode.FULL_REFRESH, List.of(), state(1));
        assertThat(ids(fresh)).isEmpty();
        assertThat(declaredTypes(fresh)).containsOnlyKeys(names(SCHEMA));
    }

    @Test
    void truncateReplacesTheRowsButKeepsTheTableObjectAndItsViews() throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, Mode.TRUNCATE, rows(1, 2, 3), state(1));
        Connection r = reader();
        Object before = tableIdentity(r, TABLE);
        execute(r, "CREATE VIEW toggl.item_ids AS SELECT id FROM toggl.items");

        load(t, TABLE, SCHEMA, Mode.TRUNCATE, rows(5, 6), state(2));

        assertThat(ids(TABLE)).containsExactly(5L, 6L);
        assertThat(tableIdentity(r, TABLE)).isEqualTo(before);
        assertThat(longs(r, "SELECT id FROM toggl.item_ids ORDER BY id")).containsExactly(5L, 6L);

        load(t, TABLE, SCHEMA, Mode.TRUNCATE, List.of(), state(3));
        assertThat(ids(TABLE)).isEmpty();
        assertThat(tableIdentity(r, TABLE)).isEqualTo(before);
    }

    @Test
    void incrementalUpsertsOnThePrimaryKeyAndKeepsRowsNotInTheLoad() throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, Mode.INCREMENTAL, List.<Object[]>of(row(1, "one"), row(2, "two")), state(1));
        load(t, TABLE, SCHEMA, Mode.INCREMENTAL, List.of(row(2, "two v2"), row(3, "three")), state(2));

        assertThat(names(TABLE)).containsExactly("1=one", "2=two v2", "3=three");
    }

    @Test
    void incrementalWorksOnAnExistingTableWithoutAKeyConstraint() throws Exception {
        Connection r = reader();
        execute(r, "CREATE SCHEMA toggl");
        execute(r, "CREATE TABLE toggl.items (id BIGINT, name " + reportedTypeName(ColumnType.TEXT) + ")");
        execute(r, "INSERT INTO toggl.items VALUES (1, 'made by hand'), (2, 'old')");

        load(target(), TABLE, SCHEMA, Mode.INCREMENTAL, List.of(row(2, "new"), row(3, "three")), state(1));

        assertThat(names(TABLE)).containsExactly("1=made by hand", "2=new", "3=three");
    }

    @Test
    void snapshotAppendsEveryLoadWithItsCommitTime() throws Exception {
        Instant first = Instant.parse("2024-01-01T10:00:00.123456Z");
        Instant second = Instant.parse("2024-01-02T10:00:00.654321Z");
        load(target(Clock.fixed(first, ZoneOffset.UTC)), TABLE, SCHEMA, Mode.SNAPSHOT, rows(1, 2), state(1));
        load(target(Clock.fixed(second, ZoneOffset.UTC)), TABLE, SCHEMA, Mode.SNAPSHOT, rows(1, 2, 3), state(2));

        Connection r = reader();
        List<String> seen = strings(r, "SELECT id, " + Snapshot.LOADED_AT + " FROM toggl.items ORDER BY 2, 1",
                rs -> rs.getLong(1) + "@" + rs.getObject(2, OffsetDateTime.class).toInstant());
        assertThat(seen).containsExactly("1@" + first, "2@" + first, "1@" + second, "2@" + second, "3@" + second);
        assertThat(declaredTypes(TABLE)).containsEntry(Snapshot.LOADED_AT, reportedTypeName(ColumnType.TIMESTAMPTZ));
    }

    @Test
    void snapshotIntoATableWithAKeyConstraintIsRefusedBeforeAnyRow() throws Exception {
        Connection r = reader();
        execute(r, "CREATE SCHEMA toggl");
        execute(r, "CREATE TABLE toggl.items (id BIGINT PRIMARY KEY, name " + reportedTypeName(ColumnType.TEXT) + ")");
        Target t = target();
        assertThatThrownBy(() -> t.begin(request(TABLE, SCHEMA, Mode.SNAPSHOT)))
                .isInstanceOfSatisfying(TogglSyncException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.TARGET);
                    assertThat(e.getMessage()).startsWith(t.describe() + ": toggl.items: mode snapshot appends every"
                            + " load, so keys repeat, but the table has key constraint ")
                            .endsWith("; snapshot into another object (for example toggl.items_snapshots), or drop"
                            + " the constraint");
                });
        assertThat(declaredTypes(TABLE)).containsOnlyKeys("id", "name");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aKeyRepeatedWithinOneLoadKeepsOnlyItsLastCopy(Mode mode) throws Exception {
        Target t = target();
        if (mode == Mode.INCREMENTAL) {
            load(t, TABLE, SCHEMA, mode, List.of(row(1, "stored"), row(9, "untouched")), state(1));
        }
        load(t, TABLE, SCHEMA, mode, List.of(row(1, "first"), row(2, "only"), row(1, "middle"), row(3, "x"),
                row(1, "last"), row(3, "y")), state(2));

        List<String> expected = new ArrayList<>(List.of("1=last", "2=only", "3=y"));
        if (mode == Mode.INCREMENTAL) {
            expected.add("9=untouched");
        }
        assertThat(names(TABLE)).containsExactlyElementsOf(expected);
    }

    /**
     * A full-refresh writes straight into the new table and finds repeats afterwards, by the
     * table's physical row order: repeats across many pages and row groups, and across a column
     * added mid-load, still keep the copy read last.
     */
    @Test
    void aFullRefreshKeepsTheLastCopyOfKeysRepeatedFarApartAndAcrossANewColumn() throws Exception {
        Target t = target();
        int n = 70_000; // more than one DuckDB row group (122,880 rows) in all
        TableSchema grown = SCHEMA.with(new Column("late", ColumnType.TEXT));
        try (StreamLoad load = t.begin(request(TABLE, SCHEMA, Mode.FULL_REFRESH))) {
            for (long id = 1; id <= n; id++) {
                load.accept(row(id, "first"));
            }
            load.schemaChanged(grown);
            for (long id = n; id >= 1; id--) {
                if (id % 1000 == 0) {
                    load.accept(append(row(id, "last"), "late " + id));
                } else {
                    load.accept(row(id, id % 3 == 0 ? "second" : "last"));
                }
            }
            for (long id = 3; id <= n; id += 3) {
                if (id % 1000 != 0) {
                    load.accept(row(id, "last"));
                }
            }
            load.commit(state(3));
        }

        Connection r = reader();
        assertThat(strings(r, "SELECT name || ':' || count(*) FROM toggl.items GROUP BY name", rs -> rs.getString(1)))
                .containsExactly("last:" + n);
        assertThat(strings(r, "SELECT id || '=' || late FROM toggl.items WHERE late IS NOT NULL ORDER BY id",
                rs -> rs.getString(1))).hasSize(n / 1000).first().isEqualTo("1000=late 1000");
    }

    // ---------------------------------------------------------------- atomicity

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLoadClosedWithoutCommitLeavesTheOldRowsAndTheOldState(Mode mode) throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, mode, List.<Object[]>of(row(1, "one"), row(2, "two")), state(1));
        List<String> before = names(TABLE);

        try (StreamLoad crashed = t.begin(request(TABLE, SCHEMA, mode))) {
            crashed.accept(row(1, "changed"));
            crashed.accept(row(3, "new"));
            crashed.schemaChanged(SCHEMA.with(new Column("late", ColumnType.TEXT)));
            crashed.accept(append(row(4, "wider"), "late value"));
            assertThat(crashed.rows()).isEqualTo(3);
            // the engine fails here: no commit
        }

        assertThat(names(TABLE)).isEqualTo(before);
        assertThat(declaredTypes(TABLE)).doesNotContainKey("late");
        assertThat(t.state("TOGGL", "items")).contains(state(1));

        load(t, TABLE, SCHEMA, mode, List.<Object[]>of(row(1, "rerun")), state(2));
        assertThat(t.state("TOGGL", "items")).contains(state(2));
    }

    @Test
    void aFailedLoadOfANewTableLeavesNoTableAndNoState() throws Exception {
        Target t = target();
        try (StreamLoad crashed = t.begin(request(TABLE, SCHEMA, Mode.FULL_REFRESH))) {
            crashed.accept(row(1, "one"));
        }
        assertThat(declaredTypes(TABLE)).isEmpty();
        assertThat(t.state("TOGGL", "items")).isEmpty();
    }

    @Test
    void aValueOfTheWrongClassFailsTheLoadNamingTheColumn() throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, Mode.FULL_REFRESH, rows(1), state(1));
        try (StreamLoad load = t.begin(request(TABLE, SCHEMA, Mode.FULL_REFRESH))) {
            load.accept(row(2, "fine"));
            Object[] bad = row(3, "bad");
            bad[4] = "2024-01-01T00:00:00Z"; // a String where an Instant belongs
            assertThatThrownBy(() -> load.accept(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at (TIMESTAMPTZ)").hasMessageContaining("String");
            assertThatThrownBy(() -> load.commit(state(2))).isInstanceOf(IllegalStateException.class);
        }
        assertThat(ids(TABLE)).containsExactly(1L);
    }

    @Test
    void aPrimaryKeyThatIsNotAColumnIsRejectedBeforeAnyRow() {
        LoadRequest wrong = new LoadRequest(TABLE, SCHEMA, Mode.INCREMENTAL, List.of("uid"), "TOGGL", "items");
        assertThatThrownBy(() -> target().begin(wrong)).isInstanceOfSatisfying(TogglSyncException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(e.getMessage()).contains("toggl.items").contains("primary_key column 'uid'")
                    .contains("id, name, rate");
        });
    }

    // ---------------------------------------------------------------- state

    @Test
    void stateRowsAreVersionedJsonPerConnectionAndStream() throws Exception {
        Target t = target();
        assertThat(t.states()).isEmpty();
        assertThat(t.state("TOGGL", "items")).isEmpty();
        assertThat(t.resetState("TOGGL", "items")).isFalse();

        StreamState cursor = new StreamState(Optional.of(Instant.parse("2024-06-01T12:00:00Z")), T0, 2);
        load(t, TABLE, SCHEMA, Mode.INCREMENTAL, rows(1, 2), cursor);
        load(t, new TableName("toggl", "others"), SCHEMA, Mode.FULL_REFRESH, rows(1), state(7));
        load(t, new TableName("toggl", "b_items"), SCHEMA, Mode.FULL_REFRESH, rows(1),
                state(8), "ANOTHER");

        assertThat(t.states()).containsExactly(
                new StoredState("ANOTHER", "items", state(8)),
                new StoredState("TOGGL", "items", state(7)));
        Connection r = reader();
        List<String> raw = strings(r, "SELECT CAST(value AS " + reportedTypeName(ColumnType.TEXT)
                + ") FROM " + stateTable() + " ORDER BY 1", rs -> rs.getString(1));
        assertThat(JSON.readTree(raw.get(0)).path("version").asInt()).isEqualTo(StreamState.VERSION);

        assertThat(t.resetState("TOGGL", "items")).isTrue();
        assertThat(t.state("TOGGL", "items")).isEmpty();
        assertThat(t.state("ANOTHER", "items")).contains(state(8));
    }

    @Test
    void aStateRowThisVersionCannotReadIsAnErrorNotAFreshStart() throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, Mode.FULL_REFRESH, rows(1), state(1));
        execute(reader(), "UPDATE " + stateTable() + " SET value = '{\"version\": 99}'");

        assertThatThrownBy(() -> t.state("TOGGL", "items")).isInstanceOfSatisfying(TogglSyncException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.TARGET);
            assertThat(e.getMessage()).contains("TOGGL/items").contains("version 99")
                    .contains("toggl-sync state reset --stream items");
        });
    }

    // ---------------------------------------------------------------- schema growth and names

    @Test
    void aColumnArrivingMidLoadIsAddedToTheTable() throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, Mode.INCREMENTAL, rows(1), state(1));

        TableSchema grown = SCHEMA.with(new Column("billable", ColumnType.BOOLEAN))
                .with(new Column("extra", ColumnType.JSON));
        try (StreamLoad load = t.begin(request(TABLE, SCHEMA, Mode.INCREMENTAL))) {
            load.accept(row(2, "before"));
            load.schemaChanged(grown);
            load.accept(append(row(3, "after"), true, "{\"k\": 1}"));
            load.accept(row(4, "short row after growth"));
            load.commit(state(2));
        }

        assertThat(declaredTypes(TABLE)).containsEntry("billable", reportedTypeName(ColumnType.BOOLEAN))
                .containsEntry("extra", reportedTypeName(ColumnType.JSON));
        assertThat(strings(reader(), "SELECT id, billable FROM toggl.items ORDER BY id",
                rs -> rs.getLong(1) + "=" + rs.getObject(2))).containsExactly("1=null", "2=null", "3=true", "4=null");
    }

    @Test
    void aTableColumnMissingFromTheLoadStaysForOldRowsAndIsNullForNewOnes() throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, Mode.INCREMENTAL, rows(1, 2), state(1));
        Connection r = reader();
        execute(r, "ALTER TABLE toggl.items ADD COLUMN note " + reportedTypeName(ColumnType.TEXT));
        execute(r, "UPDATE toggl.items SET note = 'kept'");

        load(t, TABLE, SCHEMA, Mode.INCREMENTAL, rows(2, 3), state(2));

        assertThat(strings(r, "SELECT id, note FROM toggl.items ORDER BY id", rs -> rs.getLong(1) + "=" + rs.getString(2)))
                .containsExactly("1=kept", "2=kept", "3=null");
    }

    @Test
    void namesWithQuotesDotsSemicolonsAndSpacesStayInsideTheirIdentifiers() throws Exception {
        TableName odd = new TableName("we\"ird.sch; ema", "ta\"b;le. x");
        TableSchema schema = TableSchema.of(new Column("id", ColumnType.BIGINT),
                new Column("co\"l; DROP TABLE x; --", ColumnType.TEXT));
        Target t = target();
        Connection r = reader();
        for (Mode mode : Mode.values()) {
            TableName table = new TableName(odd.schema(), odd.table() + " " + mode);
            load(t, table, schema, mode, List.<Object[]>of(new Object[] {1L, "v"}), state(1));
            load(t, table, schema, mode, List.<Object[]>of(new Object[] {1L, "w"}), state(1));
            assertThat(strings(r, "SELECT " + quote("co\"l; DROP TABLE x; --") + " FROM " + quote(table.schema()) + "."
                    + quote(table.table()), rs -> rs.getString(1)))
                    .isEqualTo(mode == Mode.SNAPSHOT ? List.of("v", "w") : List.of("w"));
        }
        assertThat(t.state("TOGGL", "items")).contains(state(1));
    }

    @Test
    void aTableWithoutSchemaGoesToTheDefaultSchema() throws Exception {
        load(target(), new TableName("", "plain"), SCHEMA, Mode.FULL_REFRESH, rows(1), state(1));
        assertThat(longs(reader(), "SELECT id FROM plain")).containsExactly(1L);
    }

    // ---------------------------------------------------------------- concurrent readers

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"FULL_REFRESH", "TRUNCATE"})
    void aReaderPollingDuringALoadSeesTheOldTableOrTheNewOneNeverNothingOrHalf(Mode mode) throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, mode, rows(LongStream.rangeClosed(1, 1000).toArray()), state(1));

        Connection r = reader();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger polls = new AtomicInteger();
        Set<Long> counts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Thread poller = new Thread(() -> {
            while (!stop.get()) {
                try (Statement s = r.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM toggl.items")) {
                    rs.next();
                    counts.add(rs.getLong(1));
                } catch (Throwable e) {
                    errors.add(e);
                }
                polls.incrementAndGet();
            }
        }, "reader");
        poller.start();
        try (StreamLoad load = t.begin(request(TABLE, SCHEMA, mode))) {
            for (int batch = 0; batch < 6; batch++) {
                for (long id = batch * 500L + 1; id <= batch * 500L + 500; id++) {
                    load.accept(row(id, "new"));
                }
                int seen = polls.get();
                awaitTrue(() -> polls.get() >= seen + 2); // the reader really runs while rows are staged
            }
            load.commit(state(2));
        } finally {
            awaitTrue(() -> counts.contains(3000L) || !errors.isEmpty());
            stop.set(true);
            poller.join();
        }

        assertThat(errors).isEmpty();
        assertThat(new TreeSet<>(counts)).containsExactly(1000L, 3000L);
    }

    // ---------------------------------------------------------------- helpers

    protected static LoadRequest request(TableName table, TableSchema schema, Mode mode) {
        return request(table, schema, mode, "TOGGL");
    }

    private static LoadRequest request(TableName table, TableSchema schema, Mode mode, String connection) {
        return new LoadRequest(table, schema, mode, List.of("id"), connection, "items");
    }

    protected static void load(Target t, TableName table, TableSchema schema, Mode mode, List<Object[]> rows,
            StreamState state) {
        load(t, table, schema, mode, rows, state, "TOGGL");
    }

    private static void load(Target t, TableName table, TableSchema schema, Mode mode, List<Object[]> rows,
            StreamState state, String connection) {
        try (StreamLoad load = t.begin(request(table, schema, mode, connection))) {
            rows.forEach(load::accept);
            load.commit(state);
        }
    }

    protected static StreamState state(long rows) {
        return new StreamState(Optional.empty(), T0, rows);
    }

    protected static Object[] row(long id, String name) {
        return new Object[] {id, name, id * 1.5, id % 2 == 0, T0.plusSeconds(id), LocalDate.of(2024, 1, 1).plusDays(id),
            "{\"id\": " + id + "}"};
    }

    protected static List<Object[]> rows(long... ids) {
        return Arrays.stream(ids).mapToObj(id -> row(id, "n" + id)).collect(Collectors.toList());
    }

    private static Object[] append(Object[] row, Object... more) {
        Object[] wider = Arrays.copyOf(row, row.length + more.length);
        System.arraycopy(more, 0, wider, row.length, more.length);
        return wider;
    }

    private static Set<String> names(TableSchema schema) {
        return schema.columns().stream().map(Column::name).collect(Collectors.toSet());
    }

    protected final List<Long> ids(TableName table) throws SQLException {
        return longs(reader(), "SELECT id FROM " + quote(table.schema()) + "." + quote(table.table()) + " ORDER BY id");
    }

    private List<String> names(TableName table) throws SQLException {
        return strings(reader(), "SELECT id, name FROM " + quote(table.schema()) + "." + quote(table.table())
                + " ORDER BY id", rs -> rs.getLong(1) + "=" + rs.getString(2));
    }

    protected final Map<String, String> declaredTypes(TableName table) throws SQLException {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        try (var p = reader().prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            p.setString(1, table.schema());
            p.setString(2, table.table());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    private List<Object[]> readTyped(TableName table) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (Statement s = reader().createStatement();
                ResultSet rs = s.executeQuery("SELECT id, name, rate, active, \"at\", \"day\", CAST(tags AS "
                        + reportedTypeName(ColumnType.TEXT) + ") FROM toggl.items ORDER BY id")) {
            while (rs.next()) {
                OffsetDateTime at = rs.getObject(5, OffsetDateTime.class);
                out.add(new Object[] {rs.getObject(1, Long.class), rs.getString(2), rs.getObject(3, Double.class),
                    rs.getObject(4, Boolean.class), at == null ? null : at.toInstant(),
                    rs.getObject(6, LocalDate.class), rs.getString(7)});
            }
        }
        return out;
    }

    private static void assertRowEquals(Object[] actual, Object[] expected) throws Exception {
        for (int i = 0; i < expected.length; i++) {
            if (i == 6 && expected[i] != null) {
                assertThat(JSON.readTree((String) actual[i])).as("json").isEqualTo(JSON.readTree((String) expected[i]));
            } else {
                assertThat(actual[i]).as(SCHEMA.column(i).name()).isEqualTo(expected[i]);
            }
        }
    }

    protected static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    protected abstract String stateTable();

    protected static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    protected static List<Long> longs(Connection c, String sql) throws SQLException {
        return strings(c, sql, rs -> Long.toString(rs.getLong(1))).stream().map(Long::valueOf).toList();
    }

    @FunctionalInterface
    protected interface RowReader {
        String read(ResultSet rs) throws SQLException;
    }

    protected static List<String> strings(Connection c, String sql, RowReader reader) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(reader.read(rs));
            }
        }
        return out;
    }

    protected static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(1);
        }
    }
}
