package dev.togglsync.target.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Mode;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.Secret;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.testing.TestTargets;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.TableName;
import dev.togglsync.target.Target;
import dev.togglsync.target.TargetContract;
import dev.togglsync.testing.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The target contract against a real PostgreSQL server, plus what only PostgreSQL does. */
class PostgresTargetIT extends TargetContract {
    private static final Duration SHORT_LOCK_WAIT = Duration.ofMillis(300);

    private final PostgresServer server = PostgresServer.shared();
    private PostgresConnection db;

    @Override
    protected void freshDatabase() {
        db = server.newDatabase();
    }

    @Override
    protected Target openTarget(Clock clock) {
        return new PostgresTarget(db, SHORT_LOCK_WAIT, clock);
    }

    @Override
    protected Connection openReader() throws SQLException {
        return PostgresServer.open(db);
    }

    @Override
    protected String reportedTypeName(ColumnType type) {
        return TestTargets.POSTGRES.typeName(type);
    }

    @Override
    protected String tableIdentitySql() {
        return "SELECT c.oid FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";
    }

    @Override
    protected String stateTable() {
        return "public._toggl_sync_state";
    }

    @Test
    void aSecondRunLoadingTheSameTableWaitsForTheLockThenFailsWithExit5() throws Exception {
        Target first = target();
        Target second = target();
        try (StreamLoad holding = first.begin(request(TABLE, SCHEMA, Mode.INCREMENTAL))) {
            holding.accept(row(1, "first run"));
            long started = System.nanoTime();
            assertThatThrownBy(() -> second.begin(request(TABLE, SCHEMA, Mode.FULL_REFRESH)))
                    .isInstanceOfSatisfying(TogglSyncException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.TARGET);
                        assertThat(e.getMessage()).isEqualTo(db.masked() + ": toggl.items: another toggl-sync run"
                                + " is loading this table and holds its lock (waited 300 ms); let that run finish,"
                                + " or stop it, then run again");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SHORT_LOCK_WAIT);

            // Only that table is locked: the second run may load another one, in the same new schema.
            load(second, new TableName("toggl", "other"), SCHEMA, Mode.FULL_REFRESH, rows(7), state(1));
            holding.commit(state(1));
        }
        load(second, TABLE, SCHEMA, Mode.INCREMENTAL, rows(2), state(2));
        assertThat(ids(TABLE)).containsExactly(1L, 2L);
    }

    /** What the binary COPY must get right beyond everyColumnTypeRoundTripsExactly..., read back by the server itself. */
    @Test
    void theBinaryCopyCarriesNulsSurrogatesAndFarDatesAsPostgresCanStoreThem() throws Exception {
        Object[] odd = {1L, "nul \u0000 lone \uD83D end", -0.0, false, Instant.parse("1900-01-01T00:00:00.000001Z"),
            LocalDate.of(1, 1, 1), "{\"k\": \"x\\u0000y\", \"e\": \"\\\\u0000\"}"};
        Object[] far = {2L, "", Double.MAX_VALUE, true, Instant.parse("+10000-01-01T00:00:00Z"),
            LocalDate.of(9999, 12, 31), "[]"};
        for (Mode mode : new Mode[] {Mode.FULL_REFRESH, Mode.INCREMENTAL}) {
            load(target(), TABLE, SCHEMA, mode, List.of(odd, far), state(1));
            assertThat(strings(reader(), "SELECT id || '|' || name || '|' || rate || '|' || active || '|'"
                    + " || to_char(\"at\" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '|' || \"day\" || '|'"
                    + " || (tags ->> 'k') || '|' || (tags ->> 'e') FROM toggl.items ORDER BY id", rs -> rs.getString(1)))
                    .as(mode.toString()).containsExactly(
                            "1|nul \uFFFD lone \uFFFD end|-0|false|1900-01-01 00:00:00.000001|0001-01-01|x\uFFFDy|\\u0000", null);
            assertThat(strings(reader(), "SELECT rate || '|' || \"at\" || '|' || \"day\" || '|' || tags::text"
                    + " FROM toggl.items WHERE id = 2", rs -> rs.getString(1)))
                    .containsExactly("1.7976931348623157e+308|10000-01-01 00:00:00+00|9999-12-31|[]");
        }
    }

    @Test
    void aWrongPasswordFailsWithExit5AndNeverShowsAPassword() {
        String wrong = "not-the-password-" + System.nanoTime();
        PostgresConnection bad = new PostgresConnection(db.name(), db.host(), db.port(), db.user(), Secret.of(wrong),
                db.database(), db.sslmode());
        Target t = new PostgresTarget(bad, SHORT_LOCK_WAIT, Clock.systemUTC());
        assertThatThrownBy(t::states).isInstanceOfSatisfying(TogglSyncException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.TARGET);
            assertThat(e.getMessage()).startsWith(db.masked() + ": cannot connect: ")
                    .contains("password authentication failed for user \"toggl\"")
                    .endsWith("check the target connection's user and password")
                    .doesNotContain(wrong).doesNotContain(db.password().reveal());
        });
    }

    @Test
    void aDatabaseErrorNamesTargetTableAndStepButNotThePassword() throws Exception {
        Connection r = reader();
        execute(r, "CREATE SCHEMA toggl");
        execute(r, "CREATE TABLE toggl.items (id BIGINT PRIMARY KEY, rate BOOLEAN)");
        Target t = target();
        try (StreamLoad load = t.begin(request(TABLE, SCHEMA, Mode.INCREMENTAL))) {
            load.accept(row(1, "one"));
            assertThatThrownBy(() -> load.commit(state(1))).isInstanceOfSatisfying(TogglSyncException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.TARGET);
                assertThat(e.getMessage()).startsWith(db.masked() + ": toggl.items: updating rows whose key was loaded"
                        + " before: ERROR: column \"rate\" is of type boolean but expression is of type double precision")
                        .doesNotContain("\n").doesNotContain(db.password().reveal());
            });
        }
        assertThat(t.state("TOGGL", "items")).isEmpty();
    }

    @Test
    void aServerStoppedMidLoadFailsWithExit5AndTheTableIsUnchangedAfterRestart() throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, Mode.FULL_REFRESH, rows(1, 2), state(1));
        StreamLoad load = t.begin(request(TABLE, SCHEMA, Mode.FULL_REFRESH));
        try {
            load.accept(row(3, "staged before the stop"));
            server.stop();
            assertThatThrownBy(() -> load.commit(state(2))).isInstanceOfSatisfying(TogglSyncException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.TARGET);
                assertThat(e.getMessage()).startsWith(db.masked() + ": toggl.items: ")
                        .doesNotContain(db.password().reveal());
            });
        } finally {
            load.close();
            server.start();
        }
        assertThat(ids(TABLE)).containsExactly(1L, 2L);
        assertThat(t.state("TOGGL", "items")).contains(state(1));
    }

    @Test
    void fullRefreshOfATableWithADependentViewFailsWithAHintAndChangesNothing() throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, Mode.FULL_REFRESH, rows(1), state(1));
        execute(reader(), "CREATE VIEW toggl.item_ids AS SELECT id FROM toggl.items");

        assertThatThrownBy(() -> load(t, TABLE, SCHEMA, Mode.FULL_REFRESH, rows(2), state(2)))
                .isInstanceOfSatisfying(TogglSyncException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.TARGET);
                    assertThat(e.getMessage()).contains("toggl.items: dropping the previous table:")
                            .contains("Detail: view item_ids depends on table items").doesNotContain("CASCADE")
                            .endsWith("use mode truncate, which keeps the table object, or drop the dependent objects");
                });
        assertThat(ids(TABLE)).containsExactly(1L);
        assertThat(t.state("TOGGL", "items")).contains(state(1));
    }

    @Test
    void aNulCharacterThatPostgresCannotStoreArrivesAsTheReplacementCharacter() throws Exception {
        Object[] odd = row(1, "a\u0000b");
        odd[6] = "{\"s\": \"x\\u0000y\", \"kept\": \"\\\\u0000\"}";
        load(target(), TABLE, SCHEMA, Mode.FULL_REFRESH, List.<Object[]>of(odd), state(1));
        assertThat(strings(reader(), "SELECT name || '|' || (tags->>'s') || '|' || (tags->>'kept') FROM toggl.items",
                rs -> rs.getString(1))).containsExactly("a\uFFFDb|x\uFFFDy|\\u0000");
    }

    @Test
    void tablesItCreatesHaveThePrimaryKeyAndRefreshesKeepIt() throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, Mode.FULL_REFRESH, rows(1), state(1));
        load(t, TABLE, SCHEMA, Mode.FULL_REFRESH, rows(2), state(2));
        load(t, new TableName("toggl", "upserted"), SCHEMA, Mode.INCREMENTAL, rows(1), state(1));
        load(t, new TableName("toggl", "snapshots"), SCHEMA, Mode.SNAPSHOT, rows(1), state(1));

        assertThat(strings(reader(), "SELECT tc.table_name || ':' || tc.constraint_name || ':' || kcu.column_name"
                + " FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu"
                + " ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema"
                + " WHERE tc.table_schema = 'toggl' AND tc.constraint_type = 'PRIMARY KEY' ORDER BY 1",
                rs -> rs.getString(1))).isEqualTo(List.of("items:items_pkey:id", "upserted:upserted_pkey:id"));
    }
}
