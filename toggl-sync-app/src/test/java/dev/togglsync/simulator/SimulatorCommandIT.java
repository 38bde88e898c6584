package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.testing.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** DESIGN.md §1: {@code toggl-sync simulator [--port N] [--token T] [--seed S] [--time-entries N]}. */
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
