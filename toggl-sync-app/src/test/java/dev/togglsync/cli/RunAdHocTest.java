package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Environment;
import dev.togglsync.simulator.Dataset;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with Sling's ad-hoc flags, {@code env:} substitution and stream options, end to end:
 * the simulator over real HTTP, real DuckDB files.
 */
class RunAdHocTest {
    @TempDir
    Path dir;

    private final Simulator sim = Simulator.start(SimulatorConfig.defaults().withTimeEntries(200, 0));

    @AfterEach
    void stop() {
        sim.close();
    }

    private Environment env(Map<String, String> extra) {
        Map<String, String> vars = new HashMap<>(extra);
        vars.put("TOGGL_TRACK", "{ type: api, spec: toggl-track, secrets: { api_token: '" + sim.token()
                + "' }, inputs: { base_url: '" + sim.baseUrl() + "', rate: 200 } }");
        return Environment.of(vars, dir, dir);
    }

    private long count(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void slingsAdHocFormRunsOneStreamWithoutAFile() throws Exception {
        Path db = dir.resolve("adhoc.duckdb");
        CliRun run = CliRun.of(env(Map.of()), "run", "-q", "--src-conn", "toggl_track", "--src-stream", "time_entries",
                "--tgt-conn", "duckdb://" + db, "--tgt-object", "raw.entries", "--mode", "incremental",
                "--select", "id,workspace_id,description,at", "--primary-key", "id", "--update-key", "at");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("time_entries", "incremental", "raw.entries");
        long entries = sim.dataset().timeEntriesModifiedSince(java.time.Instant.EPOCH).count();
        assertThat(count(db, "SELECT count(*) FROM raw.entries")).isEqualTo(entries);
        assertThat(count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'entries'")).isEqualTo(4);
        assertThat(count(db, "SELECT count(*) FROM _toggl_sync_state WHERE stream = 'time_entries'")).isEqualTo(1);
    }

    @Test
    void adHocFlagsBesideAReplicationFileAreRefused() throws Exception {
        Files.writeString(dir.resolve("r.yaml"), "streams: { me: }\n");

        CliRun run = CliRun.of(env(Map.of()), "run", "-r", "r.yaml", "--src-stream", "projects", "--tgt-object", "x.y");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: --src-stream, --tgt-object with -r r.yaml: Sling would take the replication"
                + " file and ignore the flag; toggl-sync refuses instead of ignoring it: put the setting in the file, or"
                + " drop -r\n");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void envSubstitutionAndWorkspaceIdsFilterTheRows() throws Exception {
        Files.writeString(dir.resolve("r.yaml"), """
                target: duckdb://${DB_FILE}
                env:
                  SCHEMA: toggl_raw
                streams:
                  projects:
                    object: ${SCHEMA}.projects
                    source_options: { workspace_ids: [%d] }
                  clients:
                    object: ${SCHEMA}.clients
                    source_options: { workspace_ids: [%d] }
                  tags:
                    object: ${SCHEMA}.tags
                """.formatted(Dataset.FREE_WORKSPACE_ID, Dataset.PREMIUM_WORKSPACE_ID));
        Path db = dir.resolve("env.duckdb");

        CliRun run = CliRun.of(env(Map.of("DB_FILE", db.toString())), "run", "-q", "-r", "r.yaml");

        assertThat(run.exitCode()).as(run.err()).isZero();
        long free = sim.dataset().projects(Dataset.FREE_WORKSPACE_ID).size();
        assertThat(free).isPositive();
        assertThat(count(db, "SELECT count(*) FROM toggl_raw.projects")).isEqualTo(free);
        assertThat(count(db, "SELECT count(*) FROM toggl_raw.projects WHERE workspace_id <> " + Dataset.FREE_WORKSPACE_ID))
                .isZero();
        assertThat(count(db, "SELECT count(*) FROM toggl_raw.clients WHERE wid <> " + Dataset.PREMIUM_WORKSPACE_ID)).isZero();
        assertThat(count(db, "SELECT count(*) FROM toggl_raw.clients"))
                .isEqualTo(sim.dataset().clients(Dataset.PREMIUM_WORKSPACE_ID).size()).isPositive();
        // Without the option, every workspace's rows.
        assertThat(count(db, "SELECT count(DISTINCT workspace_id) FROM toggl_raw.tags")).isGreaterThan(1);
    }

    @Test
    void anUnknownVariableOrOptionFailsWithExit2AndAHintBeforeAnyRequest() throws Exception {
        Files.writeString(dir.resolve("var.yaml"), "streams: { me: { object: '${SCHEMA}.me' } }\n");
        Files.writeString(dir.resolve("opt.yaml"), "streams: { me: { target_options: { colum_casing: source } } }\n");

        CliRun variable = CliRun.of(env(Map.of()), "run", "-r", "var.yaml");
        CliRun option = CliRun.of(env(Map.of()), "run", "-r", "opt.yaml");

        assertThat(variable.exitCode()).isEqualTo(2);
        assertThat(variable.err()).isEqualTo("error: " + dir.resolve("var.yaml") + ": streams.me.object: unknown variable ${SCHEMA}; define it"
                + " in the file's env: map or export it in the environment\n");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).isEqualTo("error: " + dir.resolve("opt.yaml") + ": streams.me.target_options.colum_casing: unknown key (did you"
                + " mean column_casing?); allowed keys: add_new_columns, column_casing\n");
        assertThat(sim.requests()).isEmpty();
        assertThat(dir.resolve("toggl.duckdb")).doesNotExist();
    }

    @Test
    void aSecretFromTheEnvironmentIsMaskedInMessages() throws Exception {
        Files.writeString(dir.resolve("r.yaml"), "target: postgresql://u:${PG_PASSWORD}@127.0.0.1:1/db?sslmode=disable\n"
                + "streams: { me: { object: 'bad name.me.x' } }\n");

        CliRun run = CliRun.of(env(Map.of("PG_PASSWORD", "hunter2hunter2")), "run", "-r", "r.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("hunter2hunter2");
    }
}
