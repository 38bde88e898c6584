package dev.togglsync.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.simulator.RecordedRequest;
import dev.togglsync.simulator.SimulatedAccount;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.utils.LogCaptureAppender;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The connector on a real distributed Connect cluster (one KRaft broker, two workers, in this
 * JVM) against a simulator serving 50 accounts. One cluster for the class: each test runs its own
 * connector on its own topic prefix and deletes it at the end, so tests do not see each other's
 * records; the order only matters where a test stops or restarts workers (it leaves two running).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TogglConnectClusterIT {
    static final int ACCOUNTS = 50;
    static final Duration LANDING = Duration.ofSeconds(90);

    static Simulator simulator;
    static ConnectFixture fixture;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorConfig.defaults().withTimeEntries(120, 0).withQuota(1_000_000)
                .withQuotaWindow(Duration.ofSeconds(6)), ACCOUNTS);
        fixture = new ConnectFixture(simulator, 2, Map.of());
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    static Map<GroundTruth.Key, ObjectNode> truth(int from, int to) {
        Map<GroundTruth.Key, ObjectNode> all = new HashMap<>();
        for (int i = from; i < to; i++) {
            all.putAll(GroundTruth.of(ConnectFixture.accountName(i), simulator.account(i).dataset(), ConnectFixture.STREAMS));
        }
        return all;
    }

    /** The latest landed value per key must equal the simulator's record, for every key. */
    static void assertLatestEqualsTruth(List<ConnectFixture.Landed> landed, Map<GroundTruth.Key, ObjectNode> truth) {
        Map<GroundTruth.Key, ConnectFixture.Landed> latest = landed.stream()
                .collect(Collectors.toMap(ConnectFixture.Landed::key, Function.identity(), (a, b) -> b));
        assertThat(latest.keySet()).containsAll(truth.keySet());
        List<String> diffs = new ArrayList<>();
        truth.forEach((k, expected) -> GroundTruth.differences(k.stream(), expected, latest.get(k).value())
                .forEach(d -> diffs.add(GroundTruth.describe(k) + ": " + d)));
        assertThat(diffs).as("landed values that differ from the simulator's").isEmpty();
    }

    @Test
    @Order(1)
    void everyRecordOfEveryStreamOfFiftyAccountsLandsAndEqualsTheSimulator() {
        Map<GroundTruth.Key, ObjectNode> truth = truth(0, ACCOUNTS);
        long started = System.nanoTime();
        fixture.connect.configureConnector("steady", fixture.connector("steady.", 0, ACCOUNTS, 4));

        List<ConnectFixture.Landed> landed = fixture.consumeUntil("steady.", ConnectFixture.allOf(truth.keySet()), LANDING);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertLatestEqualsTruth(landed, truth);
        assertThat(landed).extracting(ConnectFixture.Landed::stream).containsAll(ConnectFixture.STREAMS);
        System.out.printf("steady: %d accounts, %d records (%d keys) in %.1f s = %.0f records/s%n", ACCOUNTS, landed.size(),
                truth.size(), seconds, landed.size() / seconds);
        fixture.connect.deleteConnector("steady");
    }

    @Test
    @Order(2)
    void aWorkerStoppedMidSyncLosesNoKeyAndItsTasksMove() throws Exception {
        Map<GroundTruth.Key, ObjectNode> truth = truth(0, ACCOUNTS);
        Map<String, String> config = fixture.connector("failover.", 0, ACCOUNTS, 4);
        config.put("rate", "4"); // slow enough that the sync is still running when the worker goes
        fixture.connect.configureConnector("failover", config);
        fixture.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("failover", 4, "tasks did not start");
        Thread.sleep(1_500);
        WorkerHandle victim = fixture.connect.workers().iterator().next();
        long stopped = System.nanoTime();
        fixture.connect.removeWorker(victim);

        fixture.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("failover", 4,
                "the stopped worker's tasks did not move to the other worker");
        double movedSeconds = (System.nanoTime() - stopped) / 1e9;
        List<ConnectFixture.Landed> landed = fixture.consumeUntil("failover.", ConnectFixture.allOf(truth.keySet()), LANDING);

        assertLatestEqualsTruth(landed, truth);
        long keys = landed.stream().map(ConnectFixture.Landed::key).distinct().count();
        System.out.printf("failover (at-least-once): %d records, %d keys, %d duplicates, 0 keys lost; tasks running again"
                + " %.1f s after the worker stopped%n", landed.size(), keys, landed.size() - keys, movedSeconds);
        fixture.connect.deleteConnector("failover");
        fixture.connect.addWorker();
        fixture.connect.assertions().assertAtLeastNumWorkersAreUp(2, "the replacement worker did not start");
    }

    @Test
    @Order(3)
    void afterTheWholeClusterRestartsTimeEntriesResumeFromTheStoredCursor() throws Exception {
        Map<GroundTruth.Key, ObjectNode> truth = truth(0, 3);
        Map<String, String> config = fixture.connector("restart.", 0, 3, 2);
        config.put("poll.interval.ms", "3000");
        fixture.connect.configureConnector("restart", config);
        fixture.consumeUntil("restart.", ConnectFixture.allOf(truth.keySet()), LANDING);
        Thread.sleep(1_500); // > offset.flush.interval.ms: the offsets of what landed are stored

        for (WorkerHandle w : List.copyOf(fixture.connect.workers())) {
            fixture.connect.removeWorker(w);
        }
        Instant restarted = Instant.now();
        fixture.connect.addWorker();
        fixture.connect.addWorker();
        fixture.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("restart", 2, "tasks did not restart");

        for (int i = 0; i < 3; i++) {
            SimulatedAccount account = simulator.account(i);
            String name = ConnectFixture.accountName(i);
            Instant cursor = truth.entrySet().stream()
                    .filter(e -> e.getKey().account().equals(name) && e.getKey().stream().equals("time_entries"))
                    .map(e -> OffsetDateTime.parse(e.getValue().get("at").asText()).toInstant()).max(Instant::compareTo).orElseThrow();
            RecordedRequest resumed = awaitRequest(account, restarted, "/api/v9/me/time_entries");
            assertThat(resumed.param("since")).as("since of account %d after the restart", i)
                    .contains(Long.toString(cursor.minusSeconds(60).getEpochSecond()));
            assertThat(account.requests()).filteredOn(r -> !r.time().isBefore(restarted))
                    .extracting(RecordedRequest::path).as("whole-read streams are not due again after a restart")
                    .doesNotContain("/api/v9/me", "/api/v9/me/workspaces");
        }
        fixture.connect.deleteConnector("restart");
    }

    private static RecordedRequest awaitRequest(SimulatedAccount account, Instant after, String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (RecordedRequest r : account.requests()) {
                if (!r.time().isBefore(after) && r.path().equals(path)) {
                    return r;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(account + ": no " + path + " after " + after);
    }

    @Test
    @Order(4)
    void aQuotaExhaustedForOneAccountDelaysThatAccountOnly() {
        int from = 10;
        int to = 15;
        Map<GroundTruth.Key, ObjectNode> truth = truth(from, to);
        SimulatedAccount starved = simulator.account(from);
        starved.quota().exhaustUser(); // its /me answers the quota 402 until the 6-second window ends
        Instant exhausted = Instant.now();
        fixture.connect.configureConnector("quota", fixture.connector("quota.", from, to, 1));

        List<ConnectFixture.Landed> landed = fixture.consumeUntil("quota.", ConnectFixture.allOf(truth.keySet()), LANDING);

        String name = ConnectFixture.accountName(from);
        long starvedFirst = landed.stream().filter(l -> l.account().equals(name)).mapToLong(ConnectFixture.Landed::timestamp).min().orElseThrow();
        long othersLast = landed.stream().filter(l -> !l.account().equals(name)).mapToLong(ConnectFixture.Landed::timestamp).max().orElseThrow();
        assertThat(starvedFirst - exhausted.toEpochMilli()).as("the starved account waited for its quota").isGreaterThanOrEqualTo(4_000);
        assertThat(othersLast).as("the other accounts (same task) finished while it waited").isLessThan(starvedFirst);
        assertThat(starved.requests()).extracting(RecordedRequest::status).contains(402);
        assertLatestEqualsTruth(landed, truth);
        System.out.printf("quota: starved account's first record %d ms after the exhaustion; the other 4 accounts' last %d ms"
                + " before it%n", starvedFirst - exhausted.toEpochMilli(), starvedFirst - othersLast);
        fixture.connect.deleteConnector("quota");
    }

    /**
     * Two connectors at once (both small): "badtoken" has three accounts in ONE task, the first
     * with a token Toggl refuses; "allbad" has two accounts in one task, both refused.
     */
    @Test
    @Order(5)
    void aBadTokenStopsOnlyItsAccountInsideASharedTaskAndIsReportedWhereAnOperatorLooks() throws Exception {
        int from = 20;
        int to = 23;
        String bad = ConnectFixture.accountName(from);
        Map<GroundTruth.Key, ObjectNode> truth = truth(from + 1, to);
        Map<String, String> config = fixture.connector("badtoken.", from, to, 1);
        String badToken = "0123456789abcdef0123456789abcdef";
        config.put("toggl.account." + bad + ".api_token", badToken);
        Map<String, String> allBad = fixture.connector("allbad.", to, to + 2, 1);
        String badToken2 = "fedcba9876543210fedcba9876543210";
        allBad.put("toggl.account." + ConnectFixture.accountName(to) + ".api_token", badToken2);
        allBad.put("toggl.account." + ConnectFixture.accountName(to + 1) + ".api_token", badToken2);
        try (LogCaptureAppender log = LogCaptureAppender.createAndRegister(AccountReader.class)) {
            fixture.connect.configureConnector("badtoken", config);
            fixture.connect.configureConnector("allbad", allBad);

            // The healthy accounts of the bad account's task complete, equal to the simulator.
            List<ConnectFixture.Landed> landed = fixture.consumeUntil("badtoken.", ConnectFixture.allOf(truth.keySet()), LANDING);
            assertLatestEqualsTruth(landed, truth);
            assertThat(landed).extracting(ConnectFixture.Landed::account).doesNotContain(bad);
            fixture.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("badtoken", 1,
                    "the shared task must keep running for its healthy accounts");

            // Status topic: the latest record per account.
            Map<String, JsonNode> status = fixture.latestByKey("badtoken._status", s -> s.size() == 3, LANDING);
            assertThat(status.get(bad).get("state").asText()).isEqualTo("FAILED");
            assertThat(status.get(bad).get("error").asText()).contains("account '" + bad + "'")
                    .contains("Toggl refused the token (HTTP 403 on GET /api/v9/me")
                    .contains("check toggl.account." + bad + ".api_token").doesNotContain("secrets.api_token")
                    .doesNotContain(badToken);
            for (int i = from + 1; i < to; i++) {
                assertThat(status.get(ConnectFixture.accountName(i)).get("state").asText()).as("account %d", i).isEqualTo("RUNNING");
            }

            // Task metric account-failed, per account (JMX, as an operator's monitoring reads it).
            assertThat(accountFailedMetric("badtoken")).containsEntry(bad, 1).containsEntry(ConnectFixture.accountName(from + 1), 0)
                    .containsEntry(ConnectFixture.accountName(from + 2), 0);

            // A task whose every account failed is FAILED, its trace naming each account and the fix.
            fixture.connect.assertions().assertConnectorIsRunningAndNumTasksHaveFailed("allbad", 1, 1,
                    "a task whose every account failed must fail");
            String trace = fixture.connect.connectorStatus("allbad").tasks().get(0).trace();
            assertThat(trace).contains("every account of this task failed")
                    .contains("check toggl.account." + ConnectFixture.accountName(to) + ".api_token")
                    .contains("check toggl.account." + ConnectFixture.accountName(to + 1) + ".api_token")
                    .doesNotContain(badToken2);

            // The ERROR log line: names the account and the fix, never the token.
            List<String> errors = log.getMessages("ERROR");
            assertThat(errors).anySatisfy(m -> assertThat(m).contains("account '" + bad + "'")
                    .contains("check toggl.account." + bad + ".api_token").contains("other accounts go on"));
            assertThat(log.getMessages()).noneMatch(m -> m.contains(badToken) || m.contains(badToken2));
        }
        fixture.connect.deleteConnector("badtoken");
        fixture.connect.deleteConnector("allbad");
    }

    /** account → value of the {@code account-failed} gauge of the connector's tasks, read over JMX. */
    private static Map<String, Integer> accountFailedMetric(String connector) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Map<String, Integer> values = new HashMap<>();
        for (ObjectName name : jmx.queryNames(new ObjectName("kafka.connect:type=plugins,connector=" + connector + ",*"), null)) {
            if (name.getKeyProperty("account") != null) {
                Object v = jmx.getAttribute(name, AccountHealth.FAILED_METRIC);
                values.put(name.getKeyProperty("account"), ((Number) v).intValue());
            }
        }
        return values;
    }
}
