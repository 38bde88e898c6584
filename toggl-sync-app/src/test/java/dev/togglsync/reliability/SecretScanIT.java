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
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

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
        handOut("simulator token", sim.token());
        handOut("wrong token", WRONG_TOKEN);
        handOut("wrong PostgreSQL password", WRONG_PASSWORD);
        // Tokens other integration tests of this module hand out, whose output reaches this scan
        // through the log records and failsafe reports of the same JVM.
        Captured.secret("the simulator's default token", SimulatorConfig.DEFAULT_TOKEN);
        Captured.secret("simulator/SimulatorCommandIT's token", "cli-token");
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
        handOut("PostgreSQL password", pg.password().reveal());
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

    /**
     * Issue 18, finding 2 slipped through when only runs were scanned: {@code conns test} and
     * {@code conns discover} echo the URL they are given. Each gets a PostgreSQL URL holding the
     * real password (the check succeeds), a wrong one, and the broken variants the issue found,
     * with {@code -d}.
     */
    @Test
    @Order(6)
    void connsTestAndDiscoverGivenUrlsWithPasswordsShowThemOnlyMasked() throws Exception {
        PostgresConnection pg = (PostgresConnection) TestTargets.POSTGRES.fresh(dir);
        handOut("PostgreSQL password", pg.password().reveal());
        String at = "@" + pg.host() + ":" + pg.port() + "/" + pg.database();
        String real = "postgresql://" + pg.user() + ":" + pg.password().reveal() + at;
        String wrong = "postgresql://" + pg.user() + ":" + WRONG_PASSWORD + at;
        Path work = Files.createDirectories(dir.resolve("conns-urls"));
        Environment env = Environment.of(Map.of(), work, work);
        int runs = 0;
        for (String url : List.of(real + "?sslmode=disable", wrong + "?sslmode=disable", real + "?foo=1",
                real.replace(":" + pg.port() + "/", ":99999/"), real + "?sslmode=nope")) {
            for (List<String> args : List.of(List.of("conns", "test", "-d", url),
                    List.of("conns", "test", "-d", url, "--endpoints", "me"),
                    List.of("conns", "test", "-d", url, "--output", "json"),
                    List.of("conns", "discover", "-d", url))) {
                CliRun run = CliRun.of(env, args.toArray(String[]::new));
                String shown = String.join(" ", args.subList(0, 2)) + " #" + ++runs;
                Captured.add("cli stdout " + shown, run.out());
                Captured.add("cli stderr " + shown, run.err());
                assertNoSecret(run.out() + run.err());
                if (args.size() == 4 && args.get(1).equals("test") && url.endsWith("sslmode=disable") && url.startsWith(real)) {
                    assertThat(run.exitCode()).as(run.err()).isZero();
                    assertThat(run.out()).contains("postgresql://" + pg.user() + ":****@")
                            .contains("created and dropped a table");
                }
            }
        }
        assertThat(runs).isEqualTo(20);
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
        assertThat(leaks).as("secret leaks").isEmpty();

        List<String> notSelected = assertFloorOfTheSuite();
        Assumptions.assumeTrue(notSelected.isEmpty(), () -> "no leak in what ran, but this run selected only part of"
                + " the reliability suite, so the scan makes no claim about it; not selected: " + notSelected
                + " (run -Dit.test='dev.togglsync.reliability.*IT')");
    }

    /**
     * What the reliability suite must have handed out and captured for the scan to mean anything:
     * per test class, its number of scenarios (test methods) and what secrets it registers. A
     * scenario or a registration removed, or a class added without an entry here, fails the scan.
     */
    private static final Map<Class<?>, Producer> SUITE = Map.ofEntries(
            Map.entry(BadInputCatalogIT.class, new Producer(4, "simulator token", "password in a URL", "refused token",
                    "token as a number", "PostgreSQL password")),
            Map.entry(ConcurrentRunsIT.class, new Producer(1, "simulator token", "PostgreSQL password")),
            Map.entry(CrashRecoveryIT.class, new Producer(2, "simulator token", "PostgreSQL password")),
            Map.entry(EveryBudgetIT.class, new Producer(4, "simulator token")),
            Map.entry(FaultsIT.class, new Producer(1, "simulator token", "PostgreSQL password")),
            Map.entry(InterruptIT.class, new Producer(1, "simulator token", "PostgreSQL password")),
            Map.entry(QuotaIT.class, new Producer(2, "simulator token", "PostgreSQL password")),
            Map.entry(RunEveryIT.class, new Producer(1, "simulator token", "PostgreSQL password")),
            Map.entry(SecretScanIT.class, new Producer(7, "simulator token", "wrong token", "wrong PostgreSQL password",
                    "the simulator's default token", "simulator/SimulatorCommandIT's token", "PostgreSQL password")),
            Map.entry(SlowConsumerIT.class, new Producer(1, "simulator token")),
            Map.entry(TargetOutageIT.class, new Producer(2, "simulator token", "PostgreSQL password")));

    /** One test class of the suite: how many scenarios it has, what it hands out. */
    private record Producer(int scenarios, Set<String> secrets) {
        Producer(int scenarios, String... secrets) {
            this(scenarios, Set.of(secrets));
        }
    }

    /**
     * Checks the floor for every class of the suite this run selected: each of its scenarios
     * captured at least one text, it registered exactly the secrets listed, and after each
     * registration it captured a text in which that secret could have leaked.
     *
     * @return the classes of the suite this run did not select
     */
    private static List<String> assertFloorOfTheSuite() throws IOException {
        assertThat(reliabilityTestClasses()).as("every *IT of this package has an entry in SUITE")
                .isEqualTo(SUITE.keySet().stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new)));
        Map<Captured.Scenario, Integer> texts = Captured.textsPerScenario();
        List<Captured.Registration> registrations = Captured.registrations();
        List<String> notSelected = new ArrayList<>();
        List<String> unmet = new ArrayList<>();
        for (Map.Entry<Class<?>, Producer> e : SUITE.entrySet()) {
            String name = e.getKey().getName();
            List<String> scenarios = scenarios(e.getKey());
            if (scenarios.size() != e.getValue().scenarios()) {
                unmet.add(e.getKey().getSimpleName() + " has " + scenarios.size() + " scenarios " + scenarios + ", SUITE says "
                        + e.getValue().scenarios());
            }
            if (!Captured.plannedClasses().contains(name)) {
                notSelected.add(e.getKey().getSimpleName());
                continue;
            }
            for (String method : scenarios) {
                if (e.getKey() == SecretScanIT.class && method.equals("nothingTheReliabilitySuiteCapturedHoldsASecret")) {
                    continue; // the scan itself
                }
                if (texts.getOrDefault(new Captured.Scenario(name, method), 0) == 0) {
                    unmet.add(e.getKey().getSimpleName() + "." + method + " captured no text");
                }
            }
            Set<String> registered = new TreeSet<>();
            for (Captured.Registration r : registrations) {
                if (r.scenario().testClass().equals(name)) {
                    registered.add(r.what());
                    if (!Captured.textOfClassAfter(name, r.textsBefore())) {
                        unmet.add(e.getKey().getSimpleName() + " registered its " + r.what()
                                + " but captured no text after it: the secret was looked for nowhere it could be");
                    }
                }
            }
            if (!registered.equals(new TreeSet<>(e.getValue().secrets()))) {
                unmet.add(e.getKey().getSimpleName() + " registered " + registered + ", SUITE says "
                        + new TreeSet<>(e.getValue().secrets()));
            }
        }
        System.out.println("[reliability] secret scan floor: " + (SUITE.size() - notSelected.size()) + " of " + SUITE.size()
                + " classes of the suite ran; texts per class " + textsPerClass(texts));
        assertThat(unmet).as("the scan's floor, tied to the suite").isEmpty();
        return notSelected;
    }

    /** The test methods of {@code type}, by name (a parameterized method is one scenario). */
    private static List<String> scenarios(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(ParameterizedTest.class)
                    || m.isAnnotationPresent(RepeatedTest.class) || m.isAnnotationPresent(TestFactory.class)) {
                names.add(m.getName());
            }
        }
        return names;
    }

    /** The *IT classes compiled into this package, found on disk rather than listed. */
    private static Set<String> reliabilityTestClasses() throws IOException {
        Path folder;
        try {
            folder = Path.of(SecretScanIT.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve(SecretScanIT.class.getPackageName().replace('.', '/'));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> all = Files.list(folder)) {
            return all.map(p -> p.getFileName().toString()).filter(f -> f.endsWith("IT.class") && !f.contains("$"))
                    .map(f -> SecretScanIT.class.getPackageName() + "." + f.substring(0, f.length() - ".class".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Map<String, Integer> textsPerClass(Map<Captured.Scenario, Integer> texts) {
        Map<String, Integer> perClass = new TreeMap<>();
        texts.forEach((s, n) -> perClass.merge(s.testClass().isEmpty() ? "(between classes)"
                : s.testClass().substring(s.testClass().lastIndexOf('.') + 1), n, Integer::sum));
        return perClass;
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

    /** Secrets this class hands out, registered with the scan and looked for in each of its outputs at once. */
    private static final List<String> HANDED_OUT = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static void handOut(String what, String value) {
        Captured.secret(what, value);
        HANDED_OUT.add(value);
    }

    private static void assertNoSecret(String text) {
        for (String secret : HANDED_OUT) {
            assertThat(text).doesNotContain(secret).doesNotContain(Base64.getEncoder()
                    .encodeToString((secret + ":api_token").getBytes(StandardCharsets.UTF_8)));
        }
    }
}
