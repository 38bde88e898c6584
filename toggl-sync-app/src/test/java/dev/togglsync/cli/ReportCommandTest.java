package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Environment;
import dev.togglsync.testing.CliRun;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toggl-sync report} as a user types it: the file written, the SQL shown, bad input refused. */
class ReportCommandTest {
    @TempDir
    Path work;

    private Environment env() {
        return Environment.of(Map.of(), work.resolve("home"), work);
    }

    private String db() throws Exception {
        Path file = work.resolve("t.duckdb");
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE time_entries (id BIGINT, workspace_id BIGINT, project_id BIGINT, billable BOOLEAN,"
                    + " start TIMESTAMPTZ, stop TIMESTAMPTZ, description VARCHAR, server_deleted_at TIMESTAMPTZ)");
            s.execute("INSERT INTO time_entries VALUES (1, 1, NULL, true, '2024-03-05T10:00:00Z', '2024-03-05T11:30:00Z', 'x', NULL)");
        }
        return "duckdb://" + file;
    }

    @Test
    void writesOneSelfContainedFileAndNamesIt() throws Exception {
        CliRun run = CliRun.of(env(), "report", db(), "--out", "out/r.html");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path html = work.resolve("out/r.html");
        assertThat(run.out()).startsWith("report: " + html + " (").contains("1 entries, 1.5 h from duckdb://");
        String page = java.nio.file.Files.readString(html);
        assertThat(page).contains("echarts").doesNotContain("<script src=").doesNotContain("<link ")
                .contains("times in <b>UTC</b>").contains("no `me` table in schema main");
    }

    @Test
    void showSqlPrintsTheQueriesAndWritesNothing() throws Exception {
        CliRun run = CliRun.of(env(), "report", db(), "--show-sql", "--from", "2024-03-01", "--workspace", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("-- hours per week (Monday, account time zone) by project")
                .contains("FROM \"main\".\"time_entries\" t").contains("t.workspace_id = ?")
                .contains("-- parameters, in order: ").contains("2024-03-01T00:00:00Z");
        assertThat(work.resolve(ReportCommand.DEFAULT_OUT)).doesNotExist();
    }

    @Test
    void badInputIsOneLineNamingTheValueAndTheFix() throws Exception {
        String db = db();
        CliRun date = CliRun.of(env(), "report", db, "--from", "2024-13-01");
        CliRun order = CliRun.of(env(), "report", db, "--from", "2024-03-02", "--to", "2024-03-01");
        CliRun missing = CliRun.of(env(), "report", "duckdb://nope.duckdb");

        assertThat(date.exitCode()).isEqualTo(2);
        assertThat(date.err()).isEqualTo("error: --from 2024-13-01: not a date; write it as YYYY-MM-DD, e.g. 2024-01-31\n");
        assertThat(order.exitCode()).isEqualTo(2);
        assertThat(order.err()).contains("--to 2024-03-01 is before --from 2024-03-02");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.duckdb: no such file; run `toggl-sync run` (or `demo`) first");
        assertThat(work.resolve("nope.duckdb")).doesNotExist();
        assertThat(work.resolve(ReportCommand.DEFAULT_OUT)).doesNotExist();
    }
}
