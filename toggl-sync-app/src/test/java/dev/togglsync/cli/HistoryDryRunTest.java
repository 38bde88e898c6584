package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.togglsync.config.Environment;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --dry-run}'s request estimate for report_time_entries against the simulator over real
 * HTTP into a real DuckDB file: before any run the pages are unknown; after runs the estimate
 * (windows × pages from the rows stored last time, in pages of the size the server honoured)
 * equals the report requests the next run sends, for a full re-read and for an incremental run.
 */
class HistoryDryRunTest {
    private static final String SEARCH = "POST /reports/api/v3/workspace/{workspace_id}/search/time_entries";

    @TempDir
    Path dir;

    // A team of 2 workspaces, 2 years back; the server honours pages of 40 (we ask for 1000).
    private final Simulator sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000).withTimeEntries(150, 700)
            .withHistory(SimulatorConfig.History.DEFAULT.withTeam(true).withDays(2 * 365).withReportsLimits(366, 40)));

    @AfterEach
    void stop() {
        sim.close();
    }

    private Environment env() {
        LocalDate start = LocalDate.ofInstant(Instant.now(), sim.config().userTimeZone()).minusDays(900);
        return Environment.of(Map.of("TOGGL_TRACK", "{ type: api, spec: toggl-track, secrets: { api_token: '" + sim.token()
                + "' }, inputs: { base_url: '" + sim.baseUrl() + "', rate: 200, history_start: '" + start
                + "', history_rescan_days: 35 } }"), dir, dir);
    }

    private Path yaml(String mode) throws Exception {
        Path file = dir.resolve(mode + ".yaml");
        Files.writeString(file, "source: TOGGL_TRACK\ntarget: duckdb://" + dir.resolve("toggl.duckdb") + "\nstreams:\n"
                + "  report_time_entries:\n    mode: " + mode + "\n");
        return file;
    }

    private long searches() {
        return sim.requests().stream().filter(r -> r.method().equals("POST") && r.path().startsWith("/reports/")).count();
    }

    private JsonNode estimate(String mode) throws Exception {
        CliRun dry = CliRun.of(env(), "run", "--dry-run", "-o", "json", "-r", yaml(mode).toString());
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        JsonNode requests = new ObjectMapper().readTree(dry.out()).get("streams").get(0).get("requests");
        return requests.get(requests.size() - 1).get("estimate");
    }

    private long run(String mode) throws Exception {
        sim.clearRequests();
        CliRun run = CliRun.of(env(), "run", "-q", "-r", yaml(mode).toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return searches();
    }

    @Test
    void beforeAnyRunThePagesAreUnknownAfterwardsTheEstimateIsWhatTheNextRunSends() throws Exception {
        CliRun first = CliRun.of(env(), "run", "--dry-run", "-r", yaml("incremental").toString());

        assertThat(first.exitCode()).isZero();
        assertThat(sim.requests()).isEmpty();
        // 900 days from history_start to today: 3 windows of 366 days.
        assertThat(first.out()).containsPattern("report_time_entries +" + SEARCH.replace("{", "\\{") + " +per window and page: "
                + "3 windows per workspace × pages unknown \\(first run\\): at least 3 per workspace, one more per further page"
                + " +org:\\{organization_id}\n");
        assertThat(estimate("incremental").toString()).isEqualTo("{\"requests\":null,\"windows\":3,\"text\":\"3 windows per workspace"
                + " × pages unknown (first run): at least 3 per workspace, one more per further page\"}");

        long backfill = run("incremental");
        assertThat(backfill).as("the rows need more than one page a window").isGreaterThan(2 * 3);
        sim.clearRequests();

        // A full re-read: every stored window with its rows, in pages of 40.
        JsonNode full = estimate("full-refresh");
        assertThat(sim.requests()).isEmpty();
        assertThat(full.get("requests").asLong()).isEqualTo(backfill);
        assertThat(full.get("text").asText()).startsWith("about " + backfill + " requests (6 windows in 2 workspaces, pages from the ")
                .endsWith(" rows stored last time, 40 a page)");

        // Incremental: one request per history window, then the rescan days' pages. The first
        // incremental run stores the rows its rescan read; from then on the estimate is exact.
        run("incremental");
        JsonNode incremental = estimate("incremental");
        long sent = run("incremental");
        System.out.println("HistoryDryRunTest: backfill " + backfill + " searches (estimated " + full.get("requests")
                + " for a full re-read), incremental " + sent + " (estimated " + incremental.get("requests") + ")");
        assertThat(incremental.get("requests").asLong()).isEqualTo(sent);
        assertThat(sent).isLessThan(backfill);
    }
}
