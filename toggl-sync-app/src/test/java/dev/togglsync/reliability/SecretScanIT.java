package dev.togglsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.testing.CliRun;
import dev.togglsync.config.Connection;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.Environment;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.simulator.Fault;
import dev.togglsync.simulator.FaultRule;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.TestTargets;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets stay secret. {@code -d} runs (requests logged, stack traces shown) against a Toggl that
 * echoes the token and its Basic-auth header in error bodies, with a wrong token, with a wrong
 * PostgreSQL password, and with a locked target; env.yaml is written with mode 0600. Then, as
 * the last class of the integration tests (see junit-platform.properties), everything the
 * reliability suite captured is scanned: command-line stdout and stderr, child processes' output,
 * every log record, run reports, dumps of every table and state row, this run's failsafe reports
 * and the PostgreSQL server's log. No token, password or Basic-auth form may appear anywhere.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretScanIT {
    private static final String WRONG_TOKEN = "feedfacefeedfacefeedfacefeedface";
    private static final String WRONG_PASSWORD = "Wr0ng-Pa55word";

    @TempDir
    static Path dir;

    static Simulator sim;

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000).withTimeEntries(100, 0)
                .withToken("secretscan0123456789abcdef012345"));
        Captured.secret(sim.token());
        Captured.secret(WRONG_TOKEN);
        Captured.secret(WRONG_PASSWORD);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    @Order(1)
    void debugLogsShowEveryRequestButNeitherTheTokenNorItsBasicAuthFormEvenWhenTogglEchoesThem() throws Exception {
        String echo = "\"token " + sim.token() + " refused; header was " + sim.authorizationHeader() + "\"";
        sim.faults().add(FaultRule.on("/api/v9/workspaces/*/tags", Fault.response(400, Fault.JSON, echo)).always());
        sim.faults().add(FaultRule.on("/api/v9/me/time_entries", new Fault.Respond(503, Fault.JSON, echo, "0")).times(2));
        try {
            Connection target = TestTargets.DUCKDB.fresh(dir.resolve("debug"));
            CliRun run = cli(Map.of("TOGGL_TRACK", source(sim.token()), "TARGET", TestTargets.url(target)), "-d");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(6);
            assertThat(run.err()).contains("debug: GET /api/v9/me -> 200", "GET /api/v9/me/time_entries?since=")
                    .contains("-> 503").contains("token **** refused; header was Basic ****");
            assertThat(run.out()).contains("tags: GET /api/v9/workspaces/");
            assertNoSecret(run.out() + run.err());
            Sync.dump(target);
        } finally {
            sim.faults().clear();
        }
    }

    @Test
    @Order(2)
    void aWrongTokenWithDebugOnIsNeverShown() throws Exception {
        Connection target = TestTargets.DUCKDB.fresh(dir.resolve("wrong-token"));
        CliRun run = cli(Map.of("TOGGL_TRACK", source(WRONG_TOKEN), "TARGET", TestTargets.url(target)), "-d");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out() + run.err()).contains("check secrets.api_token");
        assertNoSecret(run.out() + run.err());
    }

    @Test
    @Order(3)
    void aWrongPostgresPasswordWithDebugOnIsNeverShownNotEvenInStackTraces() throws Exception {
        PostgresConnection pg = (PostgresConnection) TestTargets.POSTGRES.fresh(dir);
        Captured.secret(pg.password().reveal());
        String url = "postgresql://" + pg.user() + ":" + WRONG_PASSWORD + "@" + pg.host() + ":" + pg.port() + "/"
                + pg.database() + "?sslmode=disable";
        CliRun run = cli(Map.of("TOGGL_TRACK", source(sim.token()), "TARGET", url), "-d");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).as("the failure's stack trace is shown with -d").contains("\tat ");
        assertThat(run.out() + run.err()).contains("password authentication failed").contains("postgresql://toggl:****@");
        assertNoSecret(run.out() + run.err());
    }

    @Test
    @Order(4)
    void aFailureOutsideTheRunShowsItsStackTraceWithDebugScrubbedToo() throws Exception {
        // A DuckDB file another process holds: the run cannot even start.
        Connection target = TestTargets.DUCKDB.fresh(dir.resolve("locked"));
        Path work = Files.createDirectories(dir.resolve("locked/work"));
        Files.writeString(work.resolve("replication.yaml"), REPLICATION);
        Map<String, String> slow = Map.of("TOGGL_TRACK", source(sim.token()).replace("rate: 1000", "rate: 2"),
                "TARGET", TestTargets.url(target));
        ChildRun holder = ChildRun.start(work, dir.resolve("locked"), slow, "run", "-r", "replication.yaml");
        try {
            holder.awaitRunStart();
            // The holder creates and locks the file when its first rows arrive.
            awaitLockedByAnotherProcess(((DuckDbConnection) target).path(), Duration.ofSeconds(60));
            CliRun run = cli(Map.of("TOGGL_TRACK", source(sim.token()), "TARGET", TestTargets.url(target)), "-d");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(5);
            assertThat(run.err()).contains("locked by another process").contains("\tat ")
                    .doesNotContain("run with -d for the stack trace");
            assertNoSecret(run.out() + run.err());
        } finally {
            holder.killAfter(Duration.ZERO);
        }
    }

    @Test
    @Order(5)
    void connsSetWritesEnvYamlWithMode0600InAFolderWithMode0700() throws Exception {
        Path home = Files.createDirectories(dir.resolve("conns-home"));
        Environment env = Environment.of(Map.of(), home, home);
        CliRun set = CliRun.of(env, "conns", "set", "TOGGL_TRACK", "type=api", "spec=toggl-track",
                "secrets={ api_token: " + sim.token() + " }");
        CliRun list = CliRun.of(env, "conns", "list");

        assertThat(set.exitCode()).as(set.err()).isZero();
        Path envYaml = home.resolve(".toggl-sync/env.yaml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envYaml))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envYaml.getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(envYaml)).as("the file itself holds the token").contains(sim.token());
        assertThat(list.out()).contains("TOGGL_TRACK").contains("****");
        Captured.add("conns set", set.out() + set.err());
        Captured.add("conns list", list.out() + list.err());
        assertNoSecret(set.out() + set.err() + list.out() + list.err());
    }

    @Test
    @Order(100)
    void nothingTheReliabilitySuiteCapturedHoldsASecret() throws IOException {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        int files = 0;
        for (Path reports : List.of(Path.of("target/failsafe-reports"))) {
            if (!Files.isDirectory(reports)) {
                continue;
            }
            try (Stream<Path> all = Files.list(reports)) {
                for (Path f : all.filter(Files::isRegularFile).toList()) {
                    if (Files.getLastModifiedTime(f).toMillis() >= jvmStart) {
                        Captured.add("report " + f.getFileName(), Files.readString(f, StandardCharsets.ISO_8859_1));
                        files++;
                    }
                }
            }
        }
        Path serverLog = dev.togglsync.testing.PostgresServer.shared().serverLog();
        if (Files.exists(serverLog)) {
            Captured.add("PostgreSQL server log", Files.readString(serverLog, StandardCharsets.ISO_8859_1));
            files++;
        }

        List<String> leaks = Captured.leaks();
        System.out.println("[reliability] secret scan: " + Captured.texts() + " captured texts (" + Captured.characters()
                + " characters, " + files + " report and log files) searched for " + Captured.secrets()
                + " secrets and their Basic-auth forms: " + leaks.size() + " leaks");
        assertThat(Captured.texts()).as("texts captured").isGreaterThan(20);
        assertThat(leaks).as("secret leaks").isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private static final String REPLICATION = Sync.REPLICATION_YAML;

    private static String source(String token) {
        return "{ type: api, spec: toggl-track, secrets: { api_token: " + token + " }, inputs: { base_url: '"
                + sim.baseUrl() + "', rate: 1000 } }";
    }

    private static CliRun cli(Map<String, String> variables, String... flags) throws IOException {
        Path work = Files.createTempDirectory(dir, "work");
        Files.writeString(work.resolve("replication.yaml"), REPLICATION);
        String[] args = Stream.concat(Stream.of("run", "-r", "replication.yaml"), Stream.of(flags)).toArray(String[]::new);
        CliRun run = CliRun.of(Environment.of(new HashMap<>(variables), work, work), args);
        Captured.add("cli stdout " + String.join(" ", args), run.out());
        Captured.add("cli stderr " + String.join(" ", args), run.err());
        return run;
    }

    /**
     * The handshake with the holder: waits until some other process holds a POSIX lock on
     * {@code file} (DuckDB locks its file), read from /proc/locks by the file's inode so
     * that looking never takes the lock itself.
     */
    private static void awaitLockedByAnotherProcess(Path file, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String self = " " + ProcessHandle.current().pid() + " ";
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String inode = ":" + Files.getAttribute(file, "unix:ino") + " ";
                for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                    if (line.contains(inode) && !line.contains(self)) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no other process locked " + file + " within " + timeout);
    }

    private static void assertNoSecret(String text) {
        for (String secret : List.of(sim.token(), WRONG_TOKEN, WRONG_PASSWORD)) {
            assertThat(text).doesNotContain(secret).doesNotContain(Base64.getEncoder()
                    .encodeToString((secret + ":api_token").getBytes(StandardCharsets.UTF_8)));
        }
    }
}
