package dev.togglsync.connect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.Test;

/**
 * The scale figures of bench/RESULTS.md ("Kafka Connect"): records/s and simulator requests for
 * 50 and 500 accounts with pacing off, heap per account, and the time a worker fail-over takes. Not part of {@code mvn verify} (the
 * name matches neither *Test nor *IT); run it with
 * {@code mvn -B -pl kafka-connect -am verify -Dit.test=ConnectScaleBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ConnectScaleBench {
    @Test
    void scale() {
        for (int accounts : List.of(50, 500)) {
            try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withTimeEntries(120, 0).withQuota(1_000_000), accounts);
                    ConnectFixture fixture = new ConnectFixture(simulator, 2, Map.of())) {
                Map<GroundTruth.Key, ObjectNode> truth = new HashMap<>();
                for (int i = 0; i < accounts; i++) {
                    truth.putAll(GroundTruth.of(ConnectFixture.accountName(i), simulator.account(i).dataset(), ConnectFixture.STREAMS));
                }
                long heapBefore = usedHeapAfterGc();
                long start = System.nanoTime();
                fixture.connect.configureConnector("bench", fixture.connector("bench.", 0, accounts, 4));
                List<ConnectFixture.Landed> landed = fixture.consumeUntil("bench.", ConnectFixture.allOf(truth.keySet()),
                        Duration.ofMinutes(10));
                double seconds = (System.nanoTime() - start) / 1e9;
                long heapAfter = usedHeapAfterGc();
                long requests = simulator.accounts().stream().mapToLong(a -> a.requests().size()).sum();
                System.out.printf("BENCH load=%s accounts=%d records=%d keys=%d seconds=%.1f records_per_s=%.0f requests=%d"
                        + " requests_per_account=%.1f heap_per_account_kb=%.0f%n", loadAverage(), accounts, landed.size(), truth.size(), seconds,
                        landed.size() / seconds, requests, requests / (double) accounts, (heapAfter - heapBefore) / 1024.0 / accounts);
            }
        }
    }

    /**
     * Worker fail-over at 50 accounts, paced (rate 4) so that the sync is still running: seconds
     * from {@code removeWorker} until all 4 tasks run again on the other worker, then until every
     * key has landed.
     */
    @Test
    void failover() throws Exception {
        int accounts = 50;
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withTimeEntries(120, 0).withQuota(1_000_000), accounts);
                ConnectFixture fixture = new ConnectFixture(simulator, 2, Map.of())) {
            Map<GroundTruth.Key, ObjectNode> truth = new HashMap<>();
            for (int i = 0; i < accounts; i++) {
                truth.putAll(GroundTruth.of(ConnectFixture.accountName(i), simulator.account(i).dataset(), ConnectFixture.STREAMS));
            }
            Map<String, String> config = fixture.connector("fo.", 0, accounts, 4);
            config.put("rate", "4");
            fixture.connect.configureConnector("fo", config);
            fixture.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("fo", 4, "tasks did not start");
            Thread.sleep(1_500);
            WorkerHandle victim = fixture.connect.workers().iterator().next();
            long stopped = System.nanoTime();
            fixture.connect.removeWorker(victim);
            fixture.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("fo", 4, "tasks did not move");
            double moved = (System.nanoTime() - stopped) / 1e9;
            List<ConnectFixture.Landed> landed = fixture.consumeUntil("fo.", ConnectFixture.allOf(truth.keySet()), Duration.ofMinutes(5));
            double done = (System.nanoTime() - stopped) / 1e9;
            long keys = landed.stream().map(ConnectFixture.Landed::key).distinct().count();
            System.out.printf("BENCH failover load=%s tasks_running_again_s=%.1f all_keys_landed_s=%.1f records=%d keys=%d"
                    + " duplicates=%d%n", loadAverage(), moved, done, landed.size(), keys, landed.size() - keys);
        }
    }

    /** uptime's three load averages, noted with every figure (2 shared cores). */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** Live heap after a full collection: the figure of what stays, not of garbage not yet collected. */
    private static long usedHeapAfterGc() {
        ManagementFactory.getMemoryMXBean().gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
