package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.testing.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** DESIGN.md §1: {@code toggl-sync simulator [--port N] [--token T] [--seed S] [--time-entries N] [--accounts N]}. */
class SimulatorCommandIT {
    static final Pattern LISTENING = Pattern.compile("simulator listening on (http://127\\.0\\.0\\.1:(\\d+)) token=(\\S+)");

    /** {@code toggl-sync <args>} in a child JVM on the test classpath, so its heap and stdout are its own. */
    static ChildJvm start(List<String> jvmOptions, String... args) throws java.io.IOException {
        return ChildJvm.of("dev.togglsync.cli.Main").withJvmOptions(jvmOptions).start(args);
    }

    /** Reads the first stdout line and checks it is the listening line; returns the match. */
    static Matcher awaitListening(ChildJvm child) throws InterruptedException {
        String first = child.awaitFirstLine(Duration.ofSeconds(60));
        Matcher m = LISTENING.matcher(first);
        if (!m.matches()) {
            throw new AssertionError("first stdout line is not the listening line: '" + first + "'; stderr:\n" + child.err());
        }
        return m;
    }

    @Test
    void printsTheListeningLineFirstAndServesUntilKilled() throws Exception {
        try (ChildJvm child = start(List.of(), "simulator", "--port", "0", "--token", "cli-token", "--seed", "7",
                "--time-entries", "50")) {
            Matcher line = awaitListening(child);
            long startupMillis = Duration.ofNanos(System.nanoTime() - child.startedNanos()).toMillis();
            System.out.println("simulator CLI: JVM start to listening line: " + startupMillis + " ms");
            assertThat(line.group(3)).isEqualTo("cli-token");
            assertThat(Integer.parseInt(line.group(2))).isPositive();
            HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(line.group(1) + "/api/v9/me"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "cli-token:api_token".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("\"api_token\":\"cli-token\"");
            assertThat(child.isAlive()).isTrue();
            waitFor(() -> child.err().contains("simulator: GET /api/v9/me -> 200"));
        }
    }

    @Test
    void ctrlCAndSigtermFreeThePortAndSaySo() throws Exception {
        for (String[] signal : new String[][] {{"INT", "130"}, {"TERM", "143"}}) {
            try (ChildJvm child = start(List.of(), "simulator", "--time-entries", "10", "-q")) {
                int port = Integer.parseInt(awaitListening(child).group(2));

                child.signal(signal[0]);

                assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.err()).isEqualTo(Integer.parseInt(signal[1]));
                assertThat(child.err()).contains("simulator stopped (SIG" + signal[0] + "); port " + port + " is free again");
                try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1,
                        java.net.InetAddress.getLoopbackAddress())) {
                    assertThat(again.getLocalPort()).isEqualTo(port);
                }
            }
        }
    }

    @Test
    void aFixedPortIsUsedAndABusyOneIsAnInputError() throws Exception {
        try (Simulator taken = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000))) {
            try (ChildJvm child = start(List.of(), "simulator", "--port", Integer.toString(taken.port()))) {
                assertThat(child.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
                assertThat(child.err()).contains("cannot listen on 127.0.0.1:" + taken.port());
            }
        }
        try (ChildJvm child = start(List.of(), "simulator", "--time-entries", "-3")) {
            assertThat(child.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(child.err()).contains("timeEntries must be 0..");
        }
    }

    /**
     * {@code --accounts N}: the listening line (account 0, the given token) first, then one line
     * per further account, {@code account I token=T}, each token the one the seed derives and each
     * answered with its own account's data.
     */
    @Test
    void manyAccountsPrintOneTokenLineEachAfterTheListeningLine() throws Exception {
        try (ChildJvm child = start(List.of(), "simulator", "--accounts", "3", "--token", "cli-token", "--seed", "7",
                "--time-entries", "20", "-q")) {
            Matcher listening = awaitListening(child);
            List<String> lines = awaitLines(child, 3);
            assertThat(listening.group(3)).isEqualTo("cli-token");
            List<String> expected;
            try (Simulator same = Simulator.start(SimulatorConfig.defaults().withToken("cli-token").withSeed(7)
                    .withTimeEntries(20), 3)) {
                expected = List.of("account 1 token=" + same.account(1).token(), "account 2 token=" + same.account(2).token());
            }
            assertThat(lines.subList(1, 3)).containsExactlyElementsOf(expected);

            List<String> tokens = List.of("cli-token", expected.get(0).split("token=")[1], expected.get(1).split("token=")[1]);
            List<String> entries = new ArrayList<>();
            for (String token : tokens) {
                HttpResponse<String> me = get(listening.group(1) + "/api/v9/me", token);
                assertThat(me.statusCode()).as("GET /me as " + lines.get(tokens.indexOf(token))).isEqualTo(200);
                assertThat(me.body()).contains("\"api_token\":\"" + token + "\"");
                entries.add(get(listening.group(1) + "/api/v9/me/time_entries", token).body());
            }
            // Ids are fixed whatever the seed (Dataset); what the seed changes is the data.
            assertThat(entries).as("each account its own time entries").doesNotHaveDuplicates();
            assertThat(child.out().lines().toList()).as("nothing more on stdout").hasSize(3);
        }
    }

    @Test
    void accountsOutOfRangeAreAnInputError() throws Exception {
        try (ChildJvm child = start(List.of(), "simulator", "--accounts", "0")) {
            assertThat(child.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(child.err()).contains("--accounts 0").contains("accounts must be 1.." + Simulator.MAX_ACCOUNTS);
            assertThat(child.out()).isEmpty();
        }
    }

    @Test
    void startupOfTheDefaultDatasetInProcess() {
        Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000)).close(); // warm the JVM: class loading is not the simulator's cost
        long started = System.nanoTime();
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            System.out.println("simulator: in-process start of the default dataset: " + millis + " ms");
            assertThat(sim.port()).isPositive();
        }
    }

    /** The first {@code n} whole lines of stdout, once printed; fails if the child ends or 60 s pass first. */
    private static List<String> awaitLines(ChildJvm child, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (child.out().chars().filter(c -> c == '\n').count() < n) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + n + " lines on stdout: '" + child.out() + "'; stderr:\n" + child.err());
            }
            Thread.sleep(10);
        }
        return child.out().lines().limit(n).toList();
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (token + ":api_token").getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
