package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.togglsync.config.Environment;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.CliRun;
import dev.togglsync.testing.SimulatedToggl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `toggl-sync run` through the real command tree, against the simulator and a DuckDB file. */
class RunCommandIT {
    @TempDir
    Path dir;

    Simulator sim;
    Environment environment;

    @BeforeEach
    void setUp() {
        sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000));
        String source = SimulatedToggl.connection(sim, 1000);
        environment = Environment.of(Map.of("TOGGL_TRACK", source), dir.resolve("home"), dir);
    }

    @AfterEach
    void tearDown() {
        sim.close();
    }

    @Test
    void jsonOutputParsesAndMatchesTheTablesRowCounts() throws Exception {
        Files.writeString(dir.resolve("replication.yaml"), """
                source: TOGGL_TRACK
                target: duckdb://sync.duckdb
                defaults:
                  mode: full-refresh
                  object: toggl.{stream_name}
                streams:
                  '*':
                  time_entries:
                    mode: incremental
                """);

        CliRun run = CliRun.of(environment, "run", "-r", "replication.yaml", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("status").asText()).isEqualTo("success");
        assertThat(report.get("streams")).hasSize(8);
        long total = 0;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("sync.duckdb"));
                Statement st = db.createStatement()) {
            for (JsonNode stream : report.get("streams")) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM toggl." + stream.get("stream").asText())) {
                    rs.next();
                    assertThat(stream.get("rows").asLong()).as(stream.get("stream").asText()).isEqualTo(rs.getLong(1));
                    total += rs.getLong(1);
                }
            }
        }
        assertThat(report.get("rows").asLong()).isEqualTo(total).isPositive();
        assertThat(run.out() + run.err()).doesNotContain(sim.token());
    }

    @Test
    void theDefaultRunWritesEveryStreamIntoTogglDuckdbAndTheSummaryNamesThem() throws Exception {
        CliRun run = CliRun.of(environment, "run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("stream", "mode", "rows", "requests", "seconds", "status");
        for (String stream : new String[] {"me", "workspaces", "projects", "clients", "tags", "tasks",
            "workspace_users", "time_entries"}) {
            assertThat(run.out()).containsPattern("(?m)^" + stream + " +\\S+ +" + stream + " +\\d+");
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("toggl.duckdb"));
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM time_entries")) {
            rs.next();
            assertThat(rs.getLong(1)).isPositive();
        }
    }

    @Test
    void aWrongTokenExitsThreeAndNeverPrintsTheToken() {
        String wrong = "0123456789abcdef0123456789abcdef";
        Environment bad = Environment.of(Map.of("TOGGL_TRACK", SimulatedToggl.connection(wrong, sim.baseUrl(), 1000)),
                dir.resolve("home"), dir);

        CliRun run = CliRun.of(bad, "run");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out() + run.err()).contains("check secrets.api_token").doesNotContain(wrong);
    }

    @Test
    void anUnknownStreamExitsTwoBeforeAnyRequest() {
        CliRun run = CliRun.of(environment, "run", "--streams", "time_entrys");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("time_entrys").contains("did you mean time_entries");
        assertThat(sim.requests()).isEmpty();
        assertThat(dir.resolve("toggl.duckdb")).doesNotExist();
    }
}
