package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.togglsync.config.Environment;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.CliRun;
import dev.togglsync.testing.SimulatedToggl;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s dry run, progress and quiet mode, against the simulator over real HTTP into real DuckDB files. */
class RunCommandTest {
    @TempDir
    Path dir;

    private final Simulator sim = Simulator.start(SimulatorConfig.defaults().withTimeEntries(300, 0));

    @AfterEach
    void stop() {
        sim.close();
    }

    private Environment env() {
        return Environment.of(Map.of("TOGGL_TRACK", SimulatedToggl.connection(sim, 200)), dir, dir);
    }

    @Test
    void dryRunPrintsThePlanAndSendsNothing() {
        CliRun run = CliRun.of(env(), "run", "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(sim.requests()).isEmpty();
        assertThat(dir.resolve("toggl.duckdb")).doesNotExist();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.subList(0, 3)).containsExactly(
                "dry run: nothing is sent to Toggl; a run would do this",
                "source: TOGGL_TRACK (toggl-track, token ****, " + sim.baseUrl() + ", rate 200/s)",
                "target: duckdb://" + dir.resolve("toggl.duckdb"));
        assertThat(lines).contains(
                "#  STREAM           MODE          OBJECT           READS",
                "1  me               full-refresh  me               whole",
                "3  projects         full-refresh  projects         whole",
                "8  time_entries     incremental   time_entries     changes since anchor_date (no cursor stored yet)");
        assertThat(run.out()).containsPattern("me +GET /api/v9/me +once +user\n")
                .containsPattern("workspaces +GET /api/v9/me/workspaces +once +user\n")
                .containsPattern("projects +GET /api/v9/workspaces/\\{workspace_id}/projects\\?active=both&per_page=200&page=\\{page}"
                        + " +per workspace and page +org:\\{organization_id}\n")
                .containsPattern("time_entries +GET /api/v9/me/time_entries\\?since=\\d+ +once +user\n")
                .contains("at least 3 requests against the user quota");
        // /me/workspaces is sent once, however many streams need it.
        assertThat(run.out().split("GET /api/v9/me/workspaces", -1)).hasSize(2);
        assertThat(run.out()).doesNotContain(sim.token());
    }

    @Test
    void dryRunAfterARunAsksForChangesSinceTheStoredCursor() throws Exception {
        CliRun first = CliRun.of(env(), "run", "-q", "--streams", "time_entries");
        sim.clearRequests();

        CliRun dry = CliRun.of(env(), "run", "--dry-run", "-o", "json", "--streams", "time_*,me");

        assertThat(first.exitCode()).isZero();
        assertThat(dry.exitCode()).isZero();
        assertThat(sim.requests()).isEmpty();
        JsonNode doc = new ObjectMapper().readTree(dry.out());
        assertThat(doc.get("dry_run").asBoolean()).isTrue();
        assertThat(doc.get("streams")).hasSize(2);
        JsonNode timeEntries = doc.get("streams").get(1);
        assertThat(timeEntries.get("order").asInt()).isEqualTo(2);
        assertThat(timeEntries.get("cursor").asText()).isNotEmpty();
        assertThat(timeEntries.get("reads").asText()).startsWith("changes since the stored cursor " + timeEntries.get("cursor").asText());
        long cursor = java.time.Instant.parse(timeEntries.get("cursor").asText()).getEpochSecond();
        assertThat(timeEntries.get("requests").get(0).get("target").asText())
                .isEqualTo("/api/v9/me/time_entries?since=" + (cursor - 60));
        assertThat(doc.get("expected_requests").toString()).isEqualTo("{\"user\":2,\"per_workspace\":0}");
    }

    @Test
    void progressGoesToStderrAsPlainLinesAndSummaryToStdout() {
        CliRun run = CliRun.of(env(), "run");

        assertThat(run.exitCode()).isZero();
        List<String> err = run.err().lines().toList();
        assertThat(err).contains("me: started", "time_entries: started");
        assertThat(err).anyMatch(l -> l.matches("projects: success, 263 rows, 3 requests, quota \\d+ left, \\d+\\.\\d s"));
        assertThat(err).anyMatch(l -> l.matches("time_entries: success, 300 rows, 1 request, quota \\d+ left, \\d+\\.\\d s"));
        // Short streams: a start line and a finish line each, nothing in between.
        assertThat(err).hasSize(16);
        assertThat(run.out()).startsWith("stream").contains("time_entries").doesNotContain("started");
    }

    @Test
    void quietSilencesProgress() {
        CliRun run = CliRun.of(env(), "run", "-q", "-o", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("{").contains("\"status\" : \"success\"");
    }
}
