package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.Environment;
import dev.togglsync.config.Mode;
import dev.togglsync.toggl.TogglStream;
import dev.togglsync.state.StreamState;
import dev.togglsync.state.WindowProgress;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.TableName;
import dev.togglsync.target.duckdb.DuckDbTarget;
import dev.togglsync.testing.CliRun;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateCommandTest {
    private static final Instant SYNCED = Instant.parse("2026-03-15T12:00:00Z");

    @TempDir
    Path dir;

    private Environment env() {
        return Environment.of(Map.of("LOCAL", "duckdb://other.duckdb"), dir.resolve("home"), dir);
    }

    /** Commits a stream with its state through the real DuckDB target, as a run would. */
    private void synced(Path file, String connection, String stream, Optional<Instant> cursor, long rows) {
        try (DuckDbTarget t = new DuckDbTarget(new DuckDbConnection("T", file), Clock.fixed(SYNCED, ZoneOffset.UTC));
                StreamLoad load = t.begin(new LoadRequest(new TableName("toggl", stream),
                        TogglStream.find(stream).map(TogglStream::spec).orElseThrow().schema(), Mode.FULL_REFRESH, java.util.List.of("id"), connection, stream))) {
            load.commit(new StreamState(cursor, SYNCED, rows));
        }
    }

    @Test
    void showListsEachStreamsCursorAndRowsFromTheDefaultTarget() {
        synced(dir.resolve("toggl.duckdb"), "TOGGL_TRACK", "time_entries", Optional.of(Instant.parse("2026-03-15T11:58:07Z")), 2_345);
        synced(dir.resolve("toggl.duckdb"), "TOGGL_TRACK", "me", Optional.empty(), 1);
        synced(dir.resolve("toggl.duckdb"), "OTHER", "me", Optional.empty(), 1);
        synced(dir.resolve("toggl.duckdb"), "OTHER", "projects", Optional.empty(), 263);
        synced(dir.resolve("toggl.duckdb"), "OTHER", "workspaces", Optional.empty(), 2);

        CliRun all = CliRun.of(env(), "state", "show");
        CliRun one = CliRun.of(env(), "state", "show", "duckdb://toggl.duckdb", "--connection", "toggl_track");

        assertThat(all).isEqualTo(new CliRun(0, ""
                + "state in duckdb://" + dir.resolve("toggl.duckdb") + ":\n"
                + "CONNECTION   STREAM        CURSOR                SYNCED AT             ROWS\n"
                + "OTHER        me            -                     2026-03-15T12:00:00Z  1\n"
                // dependency order, as a run lists streams, not the alphabet
                + "OTHER        workspaces    -                     2026-03-15T12:00:00Z  2\n"
                + "OTHER        projects      -                     2026-03-15T12:00:00Z  263\n"
                + "TOGGL_TRACK  me            -                     2026-03-15T12:00:00Z  1\n"
                + "TOGGL_TRACK  time_entries  2026-03-15T11:58:07Z  2026-03-15T12:00:00Z  2,345\n", ""));
        assertThat(one.out()).doesNotContain("OTHER").contains("TOGGL_TRACK  time_entries");
    }

    @Test
    void showAsJson() throws Exception {
        synced(dir.resolve("other.duckdb"), "TOGGL_TRACK", "time_entries", Optional.of(Instant.parse("2026-03-15T11:58:07Z")), 7);

        CliRun run = CliRun.of(env(), "state", "show", "--target", "local", "-o", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("target").asText()).isEqualTo("duckdb://" + dir.resolve("other.duckdb"));
        assertThat(doc.get("states").toString()).isEqualTo("[{\"connection\":\"TOGGL_TRACK\",\"stream\":\"time_entries\","
                + "\"cursor\":\"2026-03-15T11:58:07Z\",\"synced_at\":\"2026-03-15T12:00:00Z\",\"rows\":7}]");
    }

    /** report_time_entries' state as a run leaves it: one workspace half-way through its backfill, one backfilled. */
    private void historySynced(Path file) {
        Map<Long, WindowProgress> windows = Map.of(
                1001L, new WindowProgress(LocalDate.parse("2023-03-10"), LocalDate.parse("2025-03-09"), 2,
                        Optional.of(Instant.parse("2025-03-09T17:00:00Z")), false, 200,
                        Map.of(LocalDate.parse("2023-03-10"), 1_200L, LocalDate.parse("2024-03-10"), 1_150L), OptionalLong.empty()),
                1002L, new WindowProgress(LocalDate.parse("2023-03-10"), LocalDate.parse("2026-03-15"), 4,
                        Optional.of(Instant.parse("2026-03-15T11:00:00Z")), true, 200, Map.of(), OptionalLong.of(410)));
        try (DuckDbTarget t = new DuckDbTarget(new DuckDbConnection("T", file), Clock.fixed(SYNCED, ZoneOffset.UTC));
                StreamLoad load = t.begin(new LoadRequest(new TableName("toggl", "report_time_entries"),
                        TogglStream.REPORT_TIME_ENTRIES.spec().schema(), Mode.INCREMENTAL, java.util.List.of("id"), "TOGGL_TRACK",
                        "report_time_entries"))) {
            load.commit(new StreamState(Optional.of(Instant.parse("2026-03-15T11:00:00Z")), SYNCED, 3_210, windows));
        }
    }

    @Test
    void showListsReportTimeEntriesProgressPerWorkspace() {
        historySynced(dir.resolve("toggl.duckdb"));
        synced(dir.resolve("toggl.duckdb"), "TOGGL_TRACK", "me", Optional.empty(), 1);

        CliRun run = CliRun.of(env(), "state", "show");

        assertThat(run).isEqualTo(new CliRun(0, ""
                + "state in duckdb://" + dir.resolve("toggl.duckdb") + ":\n"
                + "CONNECTION   STREAM               CURSOR                SYNCED AT             ROWS\n"
                + "TOGGL_TRACK  me                   -                     2026-03-15T12:00:00Z  1\n"
                + "TOGGL_TRACK  report_time_entries  2026-03-15T11:00:00Z  2026-03-15T12:00:00Z  3,210\n"
                + "\n"
                + "TOGGL_TRACK/report_time_entries per workspace:\n"
                + "WORKSPACE  HISTORY FROM  WINDOWS DONE  NEXT WINDOW FROM                   CURSOR\n"
                + "1001       2023-03-10               2  2025-03-10                         2025-03-09T17:00:00Z\n"
                + "1002       2023-03-10               4  - (backfilled: runs read changes)  2026-03-15T11:00:00Z\n", ""));
    }

    @Test
    void showAsJsonListsReportTimeEntriesProgressPerWorkspace() throws Exception {
        historySynced(dir.resolve("toggl.duckdb"));

        CliRun run = CliRun.of(env(), "state", "show", "-o", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("states").get(0).get("workspaces").toString()).isEqualTo("["
                + "{\"workspace_id\":1001,\"history_start\":\"2023-03-10\",\"windows_done\":2,\"next_window_from\":\"2025-03-10\","
                + "\"backfilled\":false,\"cursor\":\"2025-03-09T17:00:00Z\"},"
                + "{\"workspace_id\":1002,\"history_start\":\"2023-03-10\",\"windows_done\":4,\"next_window_from\":null,"
                + "\"backfilled\":true,\"cursor\":\"2026-03-15T11:00:00Z\"}]");
    }

    @Test
    void showOnAMissingFileSaysSoAndCreatesNothing() {
        CliRun run = CliRun.of(env(), "state", "show");

        assertThat(run).isEqualTo(new CliRun(0, "no state in duckdb://" + dir.resolve("toggl.duckdb")
                + " (the file does not exist yet): nothing was synced there yet; the next run reads every stream from the start\n", ""));
        assertThat(dir.resolve("toggl.duckdb")).doesNotExist();
    }

    @Test
    void resetDeletesOnlyTheNamedStreamOfTheConnection() throws Exception {
        Path file = dir.resolve("toggl.duckdb");
        synced(file, "TOGGL_TRACK", "time_entries", Optional.of(Instant.parse("2026-03-15T11:58:07Z")), 7);
        synced(file, "TOGGL_TRACK", "me", Optional.empty(), 1);
        synced(file, "OTHER", "time_entries", Optional.of(Instant.parse("2026-03-15T11:58:07Z")), 7);

        CliRun reset = CliRun.of(env(), "state", "reset", "--stream", "time_entries");
        CliRun again = CliRun.of(env(), "state", "reset", "duckdb://toggl.duckdb", "--stream", "time_entries", "-o", "json");
        CliRun show = CliRun.of(env(), "state", "show", "-o", "json");

        assertThat(reset).isEqualTo(new CliRun(0, "reset TOGGL_TRACK/time_entries in duckdb://" + file
                + ": the next run reads it from the start\n", ""));
        assertThat(again.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(again.out()).get("streams").toString())
                .isEqualTo("[{\"stream\":\"time_entries\",\"reset\":false}]");
        JsonNode states = new ObjectMapper().readTree(show.out()).get("states");
        assertThat(states).hasSize(2);
        assertThat(states.get(0).get("connection").asText()).isEqualTo("OTHER");
        assertThat(states.get(1).get("stream").asText()).isEqualTo("me");
    }

    @Test
    void resetOfAGlobResetsEveryMatchingStreamInOrder() {
        Path file = dir.resolve("toggl.duckdb");
        synced(file, "TOGGL_TRACK", "projects", Optional.empty(), 3);
        synced(file, "TOGGL_TRACK", "me", Optional.empty(), 1);

        CliRun run = CliRun.of(env(), "state", "reset", "--stream", "*");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).hasSize(8)
                .startsWith("reset TOGGL_TRACK/me in duckdb://" + file + ": the next run reads it from the start",
                        "no state for TOGGL_TRACK/workspaces in duckdb://" + file + ": nothing to reset",
                        "reset TOGGL_TRACK/projects in duckdb://" + file + ": the next run reads it from the start");
    }

    @Test
    void resetNeedsAKnownStream() {
        CliRun unknown = CliRun.of(env(), "state", "reset", "--stream", "time_entrys");
        CliRun missing = CliRun.of(env(), "state", "reset");

        assertThat(unknown).isEqualTo(new CliRun(2, "", "error: state reset: --stream time_entrys: unknown stream (did you mean time_entries?); available: "
                + "me, workspaces, projects, clients, tags, tasks, workspace_users, time_entries, organizations, organization_users,"
                + " groups, project_users, report_time_entries\n"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: Missing required option: '--stream=STREAM'");
        assertThat(dir.resolve("toggl.duckdb")).doesNotExist();
    }

    @Test
    void aSourceConnectionIsNoTarget() {
        CliRun run = CliRun.of(Environment.of(Map.of("TOGGL_API_TOKEN", "secret-token-1"), dir, dir),
                "state", "show", "TOGGL_TRACK");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: state show: TOGGL_TRACK is the Toggl source, not a database")
                .doesNotContain("secret-token-1");
    }
}
