package dev.togglsync.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.DuckDbConnection;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's counting rules on a small hand-made DuckDB file, where every expected number can be
 * worked out by hand: weeks cut in the account's zone, deleted entries left out, a running entry
 * counted up to "now", the filter, and the per-user panel only when report_time_entries exists.
 */
class ReportReaderTest {
    private static final Instant NOW = Instant.parse("2024-03-20T12:00:00Z");

    @TempDir
    Path dir;

    private DuckDbConnection target;

    @BeforeEach
    void tables() throws Exception {
        target = new DuckDbConnection("T", dir.resolve("t.duckdb"));
        sql("CREATE TABLE me (id BIGINT, timezone VARCHAR)",
                "INSERT INTO me VALUES (1, 'Europe/Berlin')",
                "CREATE TABLE clients (id BIGINT, name VARCHAR)",
                "INSERT INTO clients VALUES (100, 'Acme')",
                "CREATE TABLE projects (id BIGINT, name VARCHAR, client_id BIGINT)",
                "INSERT INTO projects VALUES (10, 'Website', 100), (11, 'Internal', NULL)",
                "CREATE TABLE time_entries (id BIGINT, workspace_id BIGINT, project_id BIGINT, billable BOOLEAN,"
                        + " start TIMESTAMPTZ, stop TIMESTAMPTZ, description VARCHAR, server_deleted_at TIMESTAMPTZ)",
                // Sunday 23:30 UTC is Monday 00:30 in Berlin: the week of 2024-03-04 there, not of 02-26.
                "INSERT INTO time_entries VALUES (1, 1, 10, true, '2024-03-03T23:30:00Z', '2024-03-04T00:30:00Z', 'design', NULL)",
                "INSERT INTO time_entries VALUES (2, 1, 11, false, '2024-03-05T10:00:00Z', '2024-03-05T12:00:00Z', 'admin', NULL)",
                "INSERT INTO time_entries VALUES (3, 1, 10, true, '2024-03-05T13:00:00Z', '2024-03-05T18:00:00Z', 'gone',"
                        + " '2024-03-06T09:00:00Z')",
                "INSERT INTO time_entries VALUES (4, 1, 10, true, '2024-03-20T11:30:00Z', NULL, 'now', NULL)",
                "INSERT INTO time_entries VALUES (5, 2, NULL, false, '2024-03-12T08:00:00Z', '2024-03-12T11:00:00Z', '', NULL)");
    }

    private void sql(String... statements) throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:duckdb:" + target.path()); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private ReportModel read(ReportFilter filter) {
        try (ReportDatabase db = ReportDatabase.open(target)) {
            return new ReportReader(db, Optional.empty(), filter, NOW).read();
        }
    }

    @Test
    void countsByTheAccountsWeeksWithoutDeletesAndRunningUpToNow() {
        ReportModel m = read(ReportFilter.ALL);

        assertThat(m.zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(m.zoneNote()).isEmpty();
        assertThat(m.weekly().weeks()).containsExactly(LocalDate.parse("2024-03-04"), LocalDate.parse("2024-03-11"),
                LocalDate.parse("2024-03-18"));
        assertThat(m.weekly().weekTotals()).containsExactly(3 * 3600L, 3 * 3600L, 1800L);
        assertThat(m.weekly().series()).extracting(ReportModel.Series::name)
                .containsExactly("(no project)", "Internal", "Website");
        assertThat(m.totals().entries()).isEqualTo(4);
        assertThat(m.totals().seconds()).isEqualTo(6 * 3600L + 1800);
        assertThat(m.billableByMonth()).containsExactly(new ReportModel.Bucket(LocalDate.parse("2024-03-01"), 5400, 5 * 3600));
        assertThat(m.clients()).containsExactly(new ReportModel.Bar("(no client)", 2, 5 * 3600),
                new ReportModel.Bar("Acme", 2, 5400));
        assertThat(m.descriptions()).extracting(ReportModel.Bar::label)
                .containsExactly("(no description)", "admin", "design", "now");
        assertThat(m.running()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(4);
            assertThat(e.seconds()).isEqualTo(1800);
            assertThat(e.project()).isEqualTo("Website");
        });
        assertThat(m.deleted().count()).isEqualTo(1);
        assertThat(m.deleted().newest()).singleElement().satisfies(e -> assertThat(e.deletedAt()).contains(
                Instant.parse("2024-03-06T09:00:00Z")));
        assertThat(m.users()).isEmpty();
        assertThat(m.freshness()).isEmpty();
    }

    @Test
    void theFilterKeepsDaysOfTheAccountsZoneAndOneWorkspace() {
        // From Monday 2024-03-04 in Berlin: entry 1 (Sunday 23:30 UTC) is inside.
        ReportModel m = read(new ReportFilter(Optional.of(LocalDate.parse("2024-03-04")),
                Optional.of(LocalDate.parse("2024-03-12")), OptionalLong.of(1)));

        assertThat(m.weekly().weekTotals()).containsExactly(3 * 3600L);
        assertThat(m.deleted().count()).isEqualTo(1);
        assertThat(m.running()).hasSize(1);   // running is news whatever the dates
        assertThat(read(new ReportFilter(Optional.of(LocalDate.parse("2024-03-05")), Optional.empty(), OptionalLong.empty()))
                .totals().entries()).isEqualTo(3);
    }

    @Test
    void everyUsersHoursWhenReportTimeEntriesWasSynced() throws Exception {
        sql("CREATE TABLE report_time_entries (id BIGINT, workspace_id BIGINT, user_id BIGINT, username VARCHAR,"
                        + " start TIMESTAMPTZ, stop TIMESTAMPTZ, seconds BIGINT, _toggl_sync_deleted_at TIMESTAMPTZ)",
                "INSERT INTO report_time_entries VALUES (1, 1, 7, 'Ann', '2024-03-05T09:00:00Z', NULL, 7200, NULL),"
                        + " (2, 1, 8, 'Bob', '2024-03-12T09:00:00Z', NULL, 3600, NULL),"
                        + " (3, 1, 8, 'Bob', '2024-03-12T11:00:00Z', NULL, 9999, '2024-03-13T00:00:00Z')");

        ReportModel.UserWeeks u = read(ReportFilter.ALL).users().orElseThrow();

        assertThat(u.users()).containsExactly("Ann", "Bob");
        assertThat(u.weeks()).containsExactly(LocalDate.parse("2024-03-04"), LocalDate.parse("2024-03-11"));
        assertThat(u.seconds()).containsExactly(List.of(7200L, 0L), List.of(0L, 3600L));
    }

    @Test
    void aTargetWithoutTimeEntriesOrWithTwoSaysWhatToDo() throws Exception {
        sql("CREATE SCHEMA toggl", "CREATE TABLE toggl.time_entries AS SELECT * FROM time_entries");
        assertThatThrownBy(() -> read(ReportFilter.ALL)).isInstanceOf(TogglSyncException.class)
                .hasMessageContaining("time_entries tables in several schemas (main, toggl); choose one with --schema")
                .satisfies(e -> assertThat(((TogglSyncException) e).exitCode()).isEqualTo(ExitCode.INVALID_INPUT));

        sql("DROP TABLE toggl.time_entries", "DROP TABLE time_entries");
        assertThatThrownBy(() -> read(ReportFilter.ALL))
                .hasMessageContaining("no time_entries table in any schema; sync time_entries first (toggl-sync run)");
    }
}
