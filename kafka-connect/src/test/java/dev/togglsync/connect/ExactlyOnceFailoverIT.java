package dev.togglsync.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.Test;

/**
 * The fail-over of {@link TogglConnectClusterIT} on workers with exactly-once source support
 * enabled: each poll batch (whole reads only) is one transaction with its offsets, so a worker
 * stopped mid-sync leaves no duplicate for a read_committed consumer. Its own cluster, because
 * exactly-once is a worker setting.
 */
class ExactlyOnceFailoverIT {
    @Test
    void aWorkerStoppedMidSyncLeavesNoDuplicateWithExactlyOnce() throws Exception {
        int accounts = TogglConnectClusterIT.ACCOUNTS;
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withTimeEntries(120, 0).withQuota(1_000_000), accounts);
                ConnectFixture fixture = new ConnectFixture(simulator, 2, Map.of("exactly.once.source.support", "enabled"))) {
            Map<GroundTruth.Key, ObjectNode> truth = new HashMap<>();
            for (int i = 0; i < accounts; i++) {
                truth.putAll(GroundTruth.of(ConnectFixture.accountName(i), simulator.account(i).dataset(), ConnectFixture.STREAMS));
            }
            Map<String, String> config = fixture.connector("eos.", 0, accounts, 4);
            config.put("rate", "4");
            config.put("exactly.once.support", "required");
            fixture.connect.configureConnector("eos", config);
            fixture.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("eos", 4, "tasks did not start");
            Thread.sleep(1_500);
            WorkerHandle victim = fixture.connect.workers().iterator().next();
            fixture.connect.removeWorker(victim);
            fixture.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("eos", 4, "tasks did not move");

            List<ConnectFixture.Landed> landed = fixture.consumeUntil("eos.", ConnectFixture.allOf(truth.keySet()),
                    TogglConnectClusterIT.LANDING);

            TogglConnectClusterIT.assertLatestEqualsTruth(landed, truth);
            long keys = landed.stream().map(ConnectFixture.Landed::key).distinct().count();
            System.out.printf("failover (exactly-once): %d records, %d keys, %d duplicates%n", landed.size(), keys, landed.size() - keys);
            assertThat(landed.size() - keys).as("duplicates seen by a read_committed consumer, by account and stream: %s",
                    duplicatesByAccountAndStream(landed)).isZero();
        }
    }

    /** "a007/time_entries=120, ..." for a failure message: where duplicates come from says why. */
    private static Map<String, Long> duplicatesByAccountAndStream(List<ConnectFixture.Landed> landed) {
        Map<GroundTruth.Key, Long> perKey = landed.stream()
                .collect(Collectors.groupingBy(ConnectFixture.Landed::key, Collectors.counting()));
        return perKey.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.groupingBy(e -> e.getKey().account() + "/" + e.getKey().stream(), TreeMap::new,
                        Collectors.summingLong(e -> e.getValue() - 1)));
    }
}
