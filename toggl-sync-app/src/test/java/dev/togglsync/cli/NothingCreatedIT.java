package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Connection;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.SqliteConnection;
import dev.togglsync.config.Environment;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.CliRun;
import dev.togglsync.testing.TableDump;
import dev.togglsync.testing.TestTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DESIGN.md §6: a run whose token Toggl refuses exits 3 and leaves every target exactly as it was:
 * no new DuckDB file, no schema, no table, no state table; a target that already held a sync keeps
 * every table and row (DuckDB: every byte of the file).
 */
class NothingCreatedIT {
    private static final String REPLICATION = """
            streams:
              '*':
              time_entries: { mode: incremental }
            defaults:
              object: toggl_fresh.{stream_name}
            """;

    @TempDir
    Path dir;

    private final Simulator sim = Simulator.start(SimulatorConfig.defaults().withTimeEntries(100, 0));

    @AfterEach
    void stop() {
        sim.close();
    }

    private CliRun run(String token, Connection target) throws Exception {
        Files.writeString(dir.resolve("r.yaml"), "target: " + TestTargets.url(target) + "\n" + REPLICATION);
        Environment env = Environment.of(Map.of("TOGGL_TRACK", "{ type: api, spec: toggl-track, secrets: { api_token: '"
                + token + "' }, inputs: { base_url: '" + sim.baseUrl() + "' } }"), dir, dir);
        return CliRun.of(env, "run", "-q", "-r", "r.yaml");
    }

    private static List<String> schemas(Connection target) throws Exception {
        List<String> schemas = new ArrayList<>();
        // SQLite has no schemas: its tables are in TableDump's main.
        if (target instanceof DuckDbConnection d && !Files.exists(d.path()) || target instanceof SqliteConnection) {
            return schemas;
        }
        try (java.sql.Connection c = TestTargets.open(target);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT schema_name FROM information_schema.schemata ORDER BY 1")) {
            while (r.next()) {
                schemas.add(r.getString(1));
            }
        }
        return schemas;
    }

    @ParameterizedTest
    @EnumSource(TestTargets.class)
    void aRefusedTokenCreatesNothingInAFreshTarget(TestTargets kind) throws Exception {
        Connection target = kind.fresh(dir);
        List<String> schemasBefore = schemas(target);
        String before = TableDump.of(target);

        CliRun run = run("0123456789abcdef0123456789abcdef", target);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains("check secrets.api_token").doesNotContain(sim.token());
        if (target instanceof DuckDbConnection d) {
            assertThat(d.path()).doesNotExist();
            assertThat(dir).isDirectoryNotContaining("glob:**.duckdb*");
        }
        if (target instanceof SqliteConnection q) {
            assertThat(q.path()).doesNotExist();
        }
        assertThat(schemas(target)).isEqualTo(schemasBefore).doesNotContain("toggl_fresh");
        assertThat(TableDump.of(target)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(TestTargets.class)
    void aRefusedTokenLeavesAnEarlierSyncUntouched(TestTargets kind) throws Exception {
        Connection target = kind.fresh(dir);
        CliRun first = run(sim.token(), target);
        assertThat(first.exitCode()).as(first.err()).isZero();
        String before = TableDump.of(target);
        List<String> schemasBefore = schemas(target);
        byte[] fileBefore = target instanceof DuckDbConnection d ? Files.readAllBytes(d.path())
                : target instanceof SqliteConnection q ? Files.readAllBytes(q.path()) : null;

        CliRun run = run("0123456789abcdef0123456789abcdef", target);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(TableDump.tables(before)).containsKey("main._toggl_sync_state".replace("main", kind
                == TestTargets.POSTGRES ? "public" : "main"));
        assertThat(TableDump.of(target)).isEqualTo(before);
        assertThat(schemas(target)).isEqualTo(schemasBefore);
        if (target instanceof DuckDbConnection d) {
            assertThat(Files.readAllBytes(d.path())).isEqualTo(fileBefore);
        }
        if (target instanceof SqliteConnection q) {
            assertThat(Files.readAllBytes(q.path())).isEqualTo(fileBefore);
        }
    }

    @Test
    void anUnwritableDuckDbFolderFailsBeforeTheFirstRequest() throws Exception {
        Path locked = dir.resolve("locked");
        Files.createDirectories(locked);
        locked.toFile().setWritable(false);
        try {
            if (Files.isWritable(locked)) {
                return; // root writes anywhere: nothing to check on this machine
            }
            CliRun run = run(sim.token(), new DuckDbConnection("X", locked.resolve("sub/x.duckdb")));

            assertThat(run.exitCode()).isEqualTo(5);
            assertThat(run.err()).contains("cannot create the database file: " + locked + " is not a writable folder");
            assertThat(sim.requests()).isEmpty();
        } finally {
            locked.toFile().setWritable(true);
        }
    }
}
