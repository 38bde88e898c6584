package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.togglsync.config.Environment;
import dev.togglsync.simulator.Fault;
import dev.togglsync.simulator.FaultRule;
import dev.togglsync.simulator.RecordedRequest;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.CliRun;
import dev.togglsync.testing.SimulatedToggl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conns test} against the simulator over real HTTP and real DuckDB files. */
class ConnsTestCommandTest {
    private static final String WRONG_TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private final Simulator sim = Simulator.start(SimulatorConfig.defaults());

    @AfterEach
    void stop() {
        sim.close();
    }

    private Environment env(String token) {
        return Environment.of(Map.of("TOGGL_TRACK", SimulatedToggl.connection(token, sim.baseUrl(), 100)), dir, dir);
    }

    @Test
    void readsALittleOfEveryStreamWithAtMostTwoRequestsEach() throws InterruptedException {
        CliRun run = CliRun.of(env(sim.token()), "conns", "test", "TOGGL_TRACK");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(""
                + "me               ok      1 record, 1 request\n"
                + "workspaces       ok      2 records, 1 request\n"
                + "projects         ok      10 records (stopped there), 2 requests\n"
                + "clients          ok      10 records (stopped there), 1 request\n"
                + "tags             ok      10 records (stopped there), 1 request\n"
                + "tasks            ok      10 records (stopped there), 1 request\n"
                + "workspace_users  ok      " + lineOfWorkspaceUsers()
                + "time_entries     ok      10 records (stopped there), 1 request\n"
                + "success\n");
        List<RecordedRequest> sent = requestsOnceAnswered(9);
        assertThat(sent).hasSize(9).allMatch(r -> r.status() == 200);
        // Workspace streams asked one workspace only, and only its first page.
        assertThat(sent).filteredOn(r -> r.path().startsWith("/api/v9/workspaces/"))
                .allMatch(r -> r.path().startsWith("/api/v9/workspaces/" + sim.dataset().me().get("default_workspace_id").asLong() + "/"))
                .allMatch(r -> r.param("page").orElse("1").equals("1"));
    }

    /**
     * The simulator logs a request once its response is written; a read that stopped after 10
     * records closed the connection mid-body, and the server notices that a moment later.
     */
    private List<RecordedRequest> requestsOnceAnswered(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sim.requests().size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return sim.requests();
    }

    private String lineOfWorkspaceUsers() {
        long users = sim.dataset().workspaceUsers(sim.dataset().me().get("default_workspace_id").asLong()).size();
        return users >= 10 ? "10 records (stopped there), 1 request\n" : users + " records, 1 request\n";
    }

    @Test
    void aWrongTokenExitsThreeAndNeverShowsTheToken() {
        CliRun run = CliRun.of(env(WRONG_TOKEN), "conns", "test", "toggl_track");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: connection TOGGL_TRACK: Toggl refused the API token (HTTP 403 on GET /api/v9/me")
                .endsWith("; check secrets.api_token\n");
        assertThat(run.out() + run.err()).doesNotContain(WRONG_TOKEN).doesNotContain(sim.token());
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void aWrongTokenAsJson() throws IOException {
        CliRun run = CliRun.of(env(WRONG_TOKEN), "conns", "test", "TOGGL_TRACK", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(3);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("success").asBoolean()).isFalse();
        assertThat(doc.get("streams")).isEmpty();
        assertThat(doc.get("error").asText()).contains("check secrets.api_token");
        assertThat(run.out() + run.err()).doesNotContain(WRONG_TOKEN);
    }

    @Test
    void selectedEndpointsOnlyButAlwaysAuthenticatedFirst() throws Exception {
        CliRun run = CliRun.of(env(sim.token()), "conns", "test", "TOGGL_TRACK", "--endpoints", "time_entries,tags", "-o", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("success").asBoolean()).isTrue();
        assertThat(doc.get("streams")).hasSize(2);
        assertThat(doc.get("streams").get(0).toString()).isEqualTo("{\"stream\":\"tags\",\"status\":\"ok\",\"records\":10,"
                + "\"more\":true,\"requests\":2,\"notes\":[],\"error\":null}");
        assertThat(doc.get("streams").get(1).get("stream").asText()).isEqualTo("time_entries");
        assertThat(requestsOnceAnswered(4).stream().map(RecordedRequest::path).toList()).containsExactly(
                "/api/v9/me", "/api/v9/me/workspaces",
                "/api/v9/workspaces/" + sim.dataset().me().get("default_workspace_id").asLong() + "/tags",
                "/api/v9/me/time_entries");
    }

    @Test
    void aFailingStreamIsReportedWithoutWaitingOutRetriesAndExitsSix() {
        sim.faults().add(FaultRule.on("/api/v9/workspaces/*/clients", new Fault.Respond(503, Fault.JSON, "\"down\"", null)).always());

        long start = System.nanoTime();
        CliRun run = CliRun.of(env(sim.token()), "conns", "test", "TOGGL_TRACK");

        assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(8);
        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.out()).contains("clients          FAILED  HTTP 503 on GET /api/v9/workspaces/")
                .contains("attempt 2 of 5 next in 10 s; a run would wait and retry, a test does not, 1 request\n")
                .contains("time_entries     ok")
                .doesNotContain("success");
        assertThat(run.err()).isEqualTo("error: conns test TOGGL_TRACK: 1 of 8 streams failed (clients)\n");
    }

    @Test
    void unknownEndpointIsAnInputError() {
        CliRun run = CliRun.of(env(sim.token()), "conns", "test", "TOGGL_TRACK", "--endpoints", "me,entries");

        assertThat(run).isEqualTo(new CliRun(2, "", "error: conns test TOGGL_TRACK: --endpoints entries: unknown stream; "
                + "available: me, workspaces, projects, clients, tags, tasks, workspace_users, time_entries, organizations, organization_users, groups, project_users, report_time_entries\n"));
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void aDuckDbTargetCanCreateATable() throws IOException {
        Environment env = Environment.of(Map.of("LOCAL", "duckdb://data/local.duckdb"), dir, dir);

        CliRun run = CliRun.of(env, "conns", "test", "local");

        assertThat(run).isEqualTo(new CliRun(0, "connected to duckdb://" + dir.resolve("data/local.duckdb")
                + "; created and dropped a table in schema main\nsuccess\n", ""));
    }

    @Test
    void aFolderOfFilesSaysItWroteAndRemovedAProbeFileThereNotThatItMadeATable() throws IOException {
        Path lake = dir.resolve("lake");
        Environment env = Environment.of(Map.of("LAKE", "file://" + lake + "/"), dir, dir);

        CliRun run = CliRun.of(env, "conns", "test", "LAKE");
        CliRun json = CliRun.of(env, "conns", "test", "LAKE", "-o", "json");

        assertThat(run).isEqualTo(new CliRun(0, "connected to file://" + lake
                + "/; wrote and removed a probe file in " + lake + "\nsuccess\n", ""));
        try (var left = Files.list(lake)) {
            assertThat(left).as("the probe file is removed").isEmpty();
        }
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("folder").asText()).isEqualTo(lake.toString());
        assertThat(doc.has("schema")).as("a folder has no schema").isFalse();
    }

    @Test
    void aSqliteFileSaysItCreatedAndDroppedATable() {
        CliRun run = CliRun.of(Environment.of(Map.of(), dir, dir), "conns", "test", "sqlite://x.sqlite");

        assertThat(run).isEqualTo(new CliRun(0, "connected to sqlite://" + dir.resolve("x.sqlite")
                + "; created and dropped a table in schema main\nsuccess\n", ""));
    }

    @Test
    void aDatabaseUrlNeedsNoConnectionName() {
        CliRun run = CliRun.of(Environment.of(Map.of(), dir, dir), "conns", "test", "duckdb://x.duckdb");

        assertThat(run).isEqualTo(new CliRun(0, "connected to duckdb://" + dir.resolve("x.duckdb")
                + "; created and dropped a table in schema main\nsuccess\n", ""));
    }

    @Test
    void aDuckDbFileThatCannotBeCreatedExitsFive() throws IOException {
        Files.writeString(dir.resolve("not-a-dir"), "x");
        Environment env = Environment.of(Map.of("LOCAL", "duckdb://not-a-dir/local.duckdb"), dir, dir);

        CliRun run = CliRun.of(env, "conns", "test", "LOCAL", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).startsWith("error: duckdb://" + dir.resolve("not-a-dir/local.duckdb") + ": cannot create directory");
        assertThat(run.out()).contains("\"success\" : false");
    }
}
