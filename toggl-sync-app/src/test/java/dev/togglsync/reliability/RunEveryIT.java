package dev.togglsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.togglsync.config.Connection;
import dev.togglsync.simulator.Dataset;
import dev.togglsync.simulator.Fault;
import dev.togglsync.simulator.FaultRule;
import dev.togglsync.simulator.RecordedRequest;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.simulator.TimeEntry;
import dev.togglsync.testing.ChildJvm;
import dev.togglsync.testing.TestTargets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toggl-sync run --every 2s} in a child JVM against the simulator over HTTP and a real
 * PostgreSQL, for 32 cycles with Toggl changing between them. Checked after every cycle: the tables
 * equal the simulator's ground truth; overall: one time_entries request per cycle, the whole-read
 * streams only as the budget allows (one refresh, --refresh 10s notwithstanding, because the Free
 * organization's 30 an hour at 50 % pays for 3 refreshes of 5 requests an hour), no 402, {@code /healthz} 503
 * while the simulator answers 500 and 200 after, {@code /metrics} parsed by the Prometheus Python
 * client's text parser with request counters equal to the simulator's request log, and SIGTERM in
 * the middle of a cycle: exit 0, the stream in flight rolled back.
 */
class RunEveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern HEALTH = Pattern.compile("health: (http://127\\.0\\.0\\.1:\\d+)/healthz");
    private static final int CYCLES = 32;

    @TempDir
    Path dir;

    @Test
    void thirtyTwoCyclesFollowTogglWithinTheBudgetReportHealthAndMetricsAndStopCleanlyOnSigterm() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withQuota(100_000, 30, 600).withTimeEntries(500, 0))) {
            Connection target = TestTargets.POSTGRES.fresh(dir);
            Files.writeString(dir.resolve("replication.yaml"), Sync.REPLICATION_YAML);
            Path home = Files.createDirectories(dir.resolve("home"));
            String source = "{ type: api, spec: toggl-track, secrets: { api_token: " + sim.token()
                    + " }, inputs: { base_url: '" + sim.baseUrl() + "', rate: 100 } }";
            Captured.secret("simulator token", sim.token());
            Captured.secretsOf(target);
            ChildJvm child = ChildJvm.of("dev.togglsync.cli.Main").withJvmOptions("-Xmx256m", "-Duser.home=" + home)
                    .inDirectory(dir).withOnlyEnvironment(Map.of("TOGGL_TRACK", source, "TARGET", TestTargets.url(target)))
                    .start("run", "-r", "replication.yaml", "--every", "2s", "--refresh", "10s", "--health-port", "0");
            try {
                String base = awaitHealthUrl(child);
                Random rnd = new Random(19);
                Instant mutatedAt = Instant.EPOCH;
                int raced = 0;
                int checked = 0;
                for (int cycle = 1; cycle <= CYCLES; cycle++) {
                    if (cycle == 26) {
                        failingPhase(sim, base, child, cycle);
                    } else {
                        awaitCycles(base, child, cycle);
                    }
                    Instant lastRead = sim.requests().stream().filter(r -> r.path().equals("/api/v9/me/time_entries"))
                            .map(RecordedRequest::time).max(Instant::compareTo).orElseThrow();
                    if (lastRead.isAfter(mutatedAt)) {
                        Truth.Verdict verdict = Truth.check(sim, target);
                        assertThat(verdict.exact()).as("after cycle " + cycle + ": " + verdict).isTrue();
                        checked++;
                    } else {
                        raced++; // the changes reached the simulator after this cycle's read: the next cycle has them
                    }
                    if (cycle == 1) {
                        assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
                    }
                    if (cycle % 4 != 0) { // every fourth cycle finds nothing changed
                        mutateTimeEntries(sim, rnd);
                        mutatedAt = Instant.now();
                    }
                }
                // A cycle that began while the previous check still ran found nothing new: its tables were the
                // ones just checked; the changes are checked after the cycle that read them.
                System.out.println("[run --every] tables equal to the ground truth after " + checked + " of " + CYCLES
                        + " cycles; " + raced + " began before the test's changes were in");
                assertThat(raced).as("cycles whose read began before the test's changes were in").isLessThanOrEqualTo(6);
                assertThat(checked).isGreaterThanOrEqualTo(CYCLES - 6);

                List<RecordedRequest> log = sim.requests();
                assertThat(log).extracting(RecordedRequest::status).doesNotContain(402);
                long timeEntriesOk = log.stream().filter(r -> r.path().equals("/api/v9/me/time_entries") && r.status() == 200).count();
                assertThat(timeEntriesOk).as("one time_entries request per successful cycle").isEqualTo(CYCLES);
                assertThat(log).filteredOn(r -> r.path().endsWith("/clients")).as("whole-read streams: one refresh per workspace")
                        .hasSize(2);
                assertThat(child.err()).containsPattern("every: every cycle 2s \\(--every\\); whole-read streams every \\S+ instead of --refresh 10s, within the budget: org:"
                        + Dataset.FREE_ORGANIZATION_ID + " allows 15 of 30 requests an hour");

                // The loop keeps sending a request every 2 s, and the simulator logs one before its answer
                // reaches the counter: a page and a log read around such a request differ by it. Read both
                // until they fall between two requests (a real miscount never agrees).
                Map<String, Double> requests = Map.of();
                Map<String, Double> logged = Map.of();
                for (int attempt = 0; attempt < 20 && (attempt == 0 || !requests.equals(logged)); attempt++) {
                    String page = get(base + "/metrics").body();
                    logged = countByBucket(sim.requests());
                    requests = parsedRequestCounters(page);
                    if (!requests.equals(logged)) {
                        Thread.sleep(150);
                    }
                }
                assertThat(requests).isEqualTo(logged);

                sigtermMidCycle(sim, child, target, rnd);
            } finally {
                child.close();
                Captured.add("run --every stderr", child.err());
            }
        }
    }

    /** The simulator answers 500 for time_entries: /healthz turns 503 with the reason, and 200 once it recovers. */
    private static void failingPhase(Simulator sim, String base, ChildJvm child, int cycle) throws Exception {
        awaitCycles(base, child, cycle - 1);
        FaultRule fault = FaultRule.on("/api/v9/me/time_entries", new Fault.Respond(500, "text/plain", "boom", null)).always();
        sim.faults().add(fault);
        HttpResponse<String> failing = awaitHealth(base, 503, Duration.ofSeconds(30));
        JsonNode body = JSON.readTree(failing.body());
        assertThat(body.path("status").asText()).isEqualTo("failing");
        assertThat(body.path("reason").asText()).contains("last success").contains("more than 3 x 2s").contains("HTTP 500");
        sim.faults().clear();
        awaitCycles(base, child, cycle);
        assertThat(awaitHealth(base, 200, Duration.ofSeconds(60)).body()).contains("\"status\":\"ok\"");
    }

    private static void sigtermMidCycle(Simulator sim, ChildJvm child, Connection target, Random rnd) throws Exception {
        String before = Sync.dump(target);
        mutateTimeEntries(sim, rnd);
        int seen = sim.requests().size();
        // The next time_entries answer comes 3 s late: SIGTERM arrives while the stream is reading.
        sim.faults().add(FaultRule.on("/api/v9/me/time_entries", new Fault.Slow(Duration.ofSeconds(3))).always());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sim.requests().stream().skip(seen).noneMatch(r -> r.path().equals("/api/v9/me/time_entries"))
                && System.nanoTime() < deadline) {
            // The simulator logs a request once answered: poll its fault counter instead.
            if (sim.faults().fired(FaultRule.on("/api/v9/me/time_entries", new Fault.Slow(Duration.ofSeconds(3))).always()) > 0) {
                break;
            }
            Thread.sleep(10);
        }
        child.terminate();
        assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.err()).isZero();
        assertThat(child.err()).contains("stopped on request (SIGTERM)").contains("time_entries: failed, nothing of it was committed");
        assertThat(Sync.dump(target)).as("the stream in flight rolled back").isEqualTo(before);
    }

    private static void mutateTimeEntries(Simulator sim, Random rnd) {
        Dataset d = sim.dataset();
        List<Long> live = d.timeEntries().filter(e -> e.serverDeletedAt() == null && e.stop() != null)
                .map(TimeEntry::id).toList();
        long edit = live.get(rnd.nextInt(live.size()));
        d.updateTimeEntry(edit, e -> e.withDescription(Mutations.AWKWARD.get(rnd.nextInt(Mutations.AWKWARD.size()))));
        long delete = live.get(rnd.nextInt(live.size()));
        if (delete != edit) {
            d.deleteTimeEntry(delete);
        }
        d.addTimeEntry(Dataset.PREMIUM_WORKSPACE_ID, d.now().minus(Duration.ofHours(1 + rnd.nextInt(48))),
                Duration.ofMinutes(5 + rnd.nextInt(60)));
    }

    private static String awaitHealthUrl(ChildJvm child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = HEALTH.matcher(child.err());
            if (m.find()) {
                return m.group(1);
            }
            assertThat(child.isAlive()).as("child running; stderr:\n" + child.err()).isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("no health line; stderr:\n" + child.err());
    }

    /** Waits until {@code n} cycles have finished, as /metrics counts them. */
    private static void awaitCycles(String base, ChildJvm child, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String metrics = get(base + "/metrics").body();
            double cycles = 0;
            Matcher m = Pattern.compile("(?m)^toggl_sync_cycles_total\\{outcome=\"(success|failure)\"} (\\S+)$").matcher(metrics);
            while (m.find()) {
                cycles += Double.parseDouble(m.group(2));
            }
            if (cycles >= n) {
                return;
            }
            assertThat(child.isAlive()).as("child running; stderr:\n" + child.err()).isTrue();
            Thread.sleep(10);
        }
        throw new AssertionError("cycle " + n + " did not finish; stderr:\n" + child.err());
    }

    private static HttpResponse<String> awaitHealth(String base, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last;
        do {
            last = get(base + "/healthz");
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("/healthz stayed " + last.statusCode() + ": " + last.body());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** toggl_sync_requests_total per bucket, as the Prometheus project's own Python parser reads the page. */
    private static Map<String, Double> parsedRequestCounters(String exposition) throws Exception {
        // Debian's python3 first: the package python3-prometheus-client installs there, not into a pyenv.
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process p = new ProcessBuilder(python, "-c", """
                import sys, json
                from prometheus_client.parser import text_string_to_metric_families
                out = {}
                for family in text_string_to_metric_families(sys.stdin.read()):
                    for s in family.samples:
                        if s.name == 'toggl_sync_requests_total':
                            out[s.labels['bucket']] = s.value
                print(json.dumps(out))
                """).redirectErrorStream(true).start();
        p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("python3 with prometheus_client (Debian python3-prometheus-client; .ci/run installs it): " + out)
                .isZero();
        Map<String, Double> parsed = new HashMap<>();
        JSON.readTree(out).fields().forEachRemaining(e -> parsed.put(e.getKey(), e.getValue().asDouble()));
        return parsed;
    }

    private static Map<String, Double> countByBucket(List<RecordedRequest> log) {
        Map<String, Double> counts = new HashMap<>();
        for (RecordedRequest r : log) {
            String bucket = r.path().startsWith("/api/v9/me") ? "user"
                    : r.path().contains("/" + Dataset.FREE_WORKSPACE_ID + "/") ? "org:" + Dataset.FREE_ORGANIZATION_ID
                    : "org:" + Dataset.PREMIUM_ORGANIZATION_ID;
            counts.merge(bucket, 1.0, Double::sum);
        }
        return counts;
    }
}
