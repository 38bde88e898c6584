package dev.togglsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.testing.CliRun;
import dev.togglsync.config.Connection;
import dev.togglsync.config.Environment;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.engine.RunListener;
import dev.togglsync.engine.RunReport;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.TableDump;
import dev.togglsync.testing.TestTargets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalogue of bad inputs, each refused cleanly: the exit code it must end with, the words its
 * one-line message must hold, no stack trace and no "unexpected" error, no secret echoed, and the
 * target exactly as before (a dump of every table and state row compared). Configuration goes
 * through the real command line; bad API responses go through the engine in this JVM (their
 * retries would otherwise wait 150 s for real), each limited to the stream they break.
 *
 * <p>The catalogue itself is {@link BadInputs}. A second, shorter list holds hostile but valid object
 * names (quotes, semicolons, backslashes, Unicode), which must be stored exactly as written without
 * touching any other table; and files as Windows editors save them must simply be read.
 */
class BadInputCatalogIT {
    @TempDir
    static Path dir;

    static Simulator sim;
    static BadInputs inputs;
    static Connection duck;
    static PostgresConnection postgres;
    static Connection sqlite;
    static final List<String> REFUSED = Collections.synchronizedList(new ArrayList<>());
    static final List<String> NOT_REFUSED = Collections.synchronizedList(new ArrayList<>());
    static final List<String> STORED_LITERALLY = Collections.synchronizedList(new ArrayList<>());
    private static int counter;

    @BeforeAll
    static void loadTargets() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000).withTimeEntries(200, 0));
        Captured.secret("simulator token", sim.token());
        Captured.secret("password in a URL", BadInputs.PASSWORD_IN_URL);
        Captured.secret("refused token", BadInputs.REFUSED_TOKEN);
        Captured.secret("token as a number", BadInputs.TOKEN_AS_NUMBER);
        duck = TestTargets.DUCKDB.fresh(dir);
        postgres = (PostgresConnection) TestTargets.POSTGRES.fresh(dir);
        Captured.secretsOf(postgres);
        sqlite = TestTargets.SQLITE.fresh(dir);
        inputs = new BadInputs(sim, duck, postgres, sqlite);
        for (Connection target : List.of(duck, postgres, sqlite)) {
            Path work = Files.createDirectories(dir.resolve("preload-" + target.name() + "/work"));
            Files.writeString(work.resolve("replication.yaml"), BadInputs.GOOD_REPLICATION);
            CliRun run = CliRun.of(Environment.of(inputs.good(target), work.resolveSibling("home"), work),
                    "run", "-r", "replication.yaml", "-q");
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
    }

    @AfterAll
    static void stop() {
        sim.close();
        System.out.println("[reliability] bad inputs refused cleanly: " + REFUSED.size() + " of "
                + (REFUSED.size() + NOT_REFUSED.size()) + (NOT_REFUSED.isEmpty() ? "" : "; not: " + NOT_REFUSED)
                + "; hostile object names stored literally without touching other tables: " + STORED_LITERALLY.size());
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedWithItsExitCodeAndMessageAndTheTargetUnchanged() {
        return inputs.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path work = Files.createDirectories(dir.resolve("case-" + (++counter) + "/work"));
            Path home = Files.createDirectories(work.resolveSibling("home"));
            Map<String, String> variables = c.setup().prepare(work, home);
            String[] args = c.args().length > 0 ? c.args() : new String[] {"run", "-r", "replication.yaml", "-q"};
            String before = Sync.dump(inputs.target(c));

            CliRun run = CliRun.of(Environment.of(variables, home, work), args);
            Captured.add("bad input stdout: " + c.name(), run.out());
            Captured.add("bad input stderr: " + c.name(), run.err());

            try {
                assertThat(run.exitCode()).as(c.name() + ": " + run.err()).isEqualTo(c.exitCode());
                // Refused before the run: one "error:" line. Stopped by a service: the summary says why.
                assertThat(run.out() + run.err()).as(c.name()).contains(c.message()).doesNotContain("unexpected")
                        .doesNotContain("\tat ").contains(c.exitCode() == 2 ? "error: " : "run stopped: ");
                assertThat(Sync.dump(inputs.target(c))).as(c.name() + ": target unchanged").isEqualTo(before);
                REFUSED.add(c.name());
            } catch (AssertionError e) {
                NOT_REFUSED.add(c.name());
                throw e;
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyBadApiResponseFailsItsStreamWithExitSixAndTheTargetUnchanged() {
        return inputs.apiCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            sim.faults().clear();
            sim.faults().add(c.rule());
            String before = Sync.dump(duck);
            RunReport report;
            try {
                report = Sync.run(Sync.source(sim, 1000, Duration.ofHours(1)), duck, Sync.noWaiting(),
                        RunListener.NONE, List.of(c.stream()));
            } finally {
                sim.faults().clear();
            }
            try {
                assertThat(report.exitCode().code()).as(c.name() + ": " + report).isEqualTo(6);
                String error = report.streams().get(0).error().orElseThrow();
                assertThat(error).as(c.name()).contains(c.message());
                assertThat(error.length()).as(c.name() + ": one short line").isLessThan(600);
                assertThat(Sync.dump(duck)).as(c.name() + ": target unchanged").isEqualTo(before);
                REFUSED.add("API: " + c.name());
            } catch (AssertionError e) {
                NOT_REFUSED.add("API: " + c.name());
                throw e;
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> hostileObjectNamesAreStoredLiterallyAndTouchNoOtherTable() {
        return Stream.of("toggl.\"Projects\"", "toggl.x; DROP TABLE me; --", "toggl.it's", "toggl.back\\slash",
                "toggl.Ünïcødé projects", "toggl." + "é".repeat(31)).map(object -> DynamicTest.dynamicTest(object, () -> {
                    for (Connection target : List.of(duck, postgres)) {
                        Path work = Files.createDirectories(dir.resolve("case-" + (++counter) + "/work"));
                        Files.writeString(work.resolve("replication.yaml"), """
                                source: TOGGL_TRACK
                                target: TARGET
                                streams:
                                  projects:
                                    object: '%s'
                                """.formatted(object.replace("'", "''")));
                        Map<String, String> before = TableDump.tables(Sync.dump(target));
                        CliRun run = CliRun.of(Environment.of(inputs.good(target), work.resolveSibling("home"), work),
                                "run", "-r", "replication.yaml", "-q");
                        Captured.add("hostile name stderr", run.err());
                        assertThat(run.exitCode()).as(object + ": " + run.err()).isZero();
                        Map<String, String> after = TableDump.tables(Sync.dump(target));
                        String table = object.substring(0, object.indexOf('.')) + "." + object.substring(object.indexOf('.') + 1);
                        assertThat(after).as(object).containsKey(table);
                        assertThat(after.get(table)).contains(Truth.expected(sim, dev.togglsync.toggl.TogglStream.PROJECTS.spec())
                                .size() + " rows");
                        for (Map.Entry<String, String> e : before.entrySet()) {
                            if (!e.getKey().equals(table) && !e.getKey().endsWith("_toggl_sync_state")) {
                                assertThat(after.get(e.getKey())).as(object + ": " + e.getKey()).isEqualTo(e.getValue());
                            }
                        }
                    }
                    STORED_LITERALLY.add(object);
                }));
    }

    /** Not bad at all: what Windows editors write (a byte-order mark, CRLF line ends) must be read as is. */
    @org.junit.jupiter.api.Test
    void filesWithAByteOrderMarkAndWindowsLineEndsAreRead() throws Exception {
        Path work = Files.createDirectories(dir.resolve("case-" + (++counter) + "/work"));
        Files.write(work.resolve("replication.yaml"), windows(BadInputs.GOOD_REPLICATION));
        Files.write(work.resolve(".env.sling"), windows("TARGET=" + TestTargets.url(duck) + "\n"));
        Map<String, String> variables = new HashMap<>(inputs.good(duck));
        variables.remove("TARGET");

        CliRun run = CliRun.of(Environment.of(variables, work.resolveSibling("home"), work), "run", "-r",
                "replication.yaml", "-q");

        Captured.add("bom run stdout", run.out());
        Captured.add("bom run stderr", run.err());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("time_entries");
    }

    private static byte[] windows(String text) {
        byte[] bytes = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bytes.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(bytes, 0, withBom, 3, bytes.length);
        return withBom;
    }

}
