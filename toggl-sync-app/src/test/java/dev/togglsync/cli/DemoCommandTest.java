package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Environment;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.toggl.TogglStream;
import dev.togglsync.testing.CliRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} twice in a fresh working directory: a full first sync, then an incremental one. */
class DemoCommandTest {
    @TempDir
    Path work;

    @Test
    void firstRunSyncsEveryStreamAndTheSecondIsIncremental() throws Exception {
        Environment env = Environment.of(Map.of(), work.resolve("home"), work);

        Path file = work.resolve("toggl-demo.duckdb");
        CliRun first = CliRun.of(env, "demo");
        long[] afterFirst = entriesAndDeleted(file);
        CliRun second = CliRun.of(env, "demo", "-q");
        long[] afterSecond = entriesAndDeleted(file);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();

        for (StreamSpec s : TogglStream.specs()) {
            assertThat(first.out()).containsPattern("(?m)^" + s.name() + " +(full-refresh|incremental) +" + s.name() + " +[1-9]\\d* +\\d+ ");
        }
        assertThat(rows(first.out(), "time_entries")).isEqualTo(2_000);
        assertThat(first.out()).contains("time_entries: first sync: every entry of the last 90 days")
                .contains("Hours per project, last 7 days (top 10):")
                .containsPattern("(?m)^PROJECT +HOURS$");
        assertThat(first.err()).contains("me: started", "time_entries: success, 2,000 rows");

        // The same account, five changes made in between, and only those read (plus the cursor's overlap).
        assertThat(second.out()).contains("demo: in the simulator since the last demo: edited 2 time entries, deleted 1, added 2")
                .containsPattern("time_entries: incremental: 5 changes since \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z \\(\\d+ entries read");
        assertThat(rows(second.out(), "time_entries")).isBetween(5L, 100L);
        for (StreamSpec s : TogglStream.specs()) {
            if (s != TogglStream.TIME_ENTRIES.spec()) {
                assertThat(rows(second.out(), s.name())).as(s.name()).isEqualTo(rows(first.out(), s.name()));
            }
        }
        assertThat(second.err()).isEmpty();
        assertThat(afterFirst[0]).isEqualTo(2_000);
        assertThat(afterSecond).containsExactly(2_002, afterFirst[1] + 1);
    }

    /** Rows of time_entries, and how many of them are deletes. */
    private static long[] entriesAndDeleted(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), count(server_deleted_at) FROM time_entries")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2)};
        }
    }

    @Test
    void fileOptionWritesElsewhere() {
        Environment env = Environment.of(Map.of(), work.resolve("home"), work);

        CliRun run = CliRun.of(env, "demo", "-q", "--file", "out/demo.duckdb");

        assertThat(run.exitCode()).isZero();
        assertThat(work.resolve("out/demo.duckdb")).exists();
        assertThat(work.resolve("toggl-demo.duckdb")).doesNotExist();
    }

    private static long rows(String summary, String stream) {
        Matcher m = Pattern.compile("(?m)^" + stream + " +\\S+ +\\S+ +(\\d+) ").matcher(summary);
        assertThat(m.find()).as("summary line of " + stream + " in:\n" + summary).isTrue();
        return Long.parseLong(m.group(1));
    }
}
