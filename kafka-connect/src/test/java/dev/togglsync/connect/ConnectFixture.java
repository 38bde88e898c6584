package dev.togglsync.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.togglsync.simulator.SimulatedAccount;
import dev.togglsync.simulator.Simulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One real distributed Connect cluster (a KRaft broker and N workers in this JVM, Kafka's own
 * {@link EmbeddedConnectCluster}) in front of one multi-account simulator; connector configs for
 * a set of simulated accounts, and reading back what landed.
 */
final class ConnectFixture implements AutoCloseable {
    static final List<String> STREAMS = StreamCatalogue.defaultStreams();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record as it landed: its account header, topic, key, value, Kafka timestamp and offset in its topic. */
    record Landed(String account, String stream, Long workspaceId, long id, JsonNode value, long timestamp, long offset) {
        GroundTruth.Key key() {
            return new GroundTruth.Key(account, stream, workspaceId, id);
        }
    }

    final Simulator simulator;
    final EmbeddedConnectCluster connect;

    ConnectFixture(Simulator simulator, int workers, Map<String, String> workerProps) {
        this.simulator = simulator;
        Map<String, String> props = new HashMap<>(workerProps);
        // Offsets committed often, so that a stopped worker leaves little uncommitted work behind.
        props.putIfAbsent("offset.flush.interval.ms", "500");
        // One broker: the transaction log (exactly-once) must live with one replica.
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        this.connect = new EmbeddedConnectCluster.Builder().name("toggl-connect").numWorkers(workers).numBrokers(1)
                .brokerProps(broker).workerProps(props).build();
        connect.start();
    }

    static String accountName(int index) {
        return String.format("a%03d", index);
    }

    /** A connector over simulated accounts [from, to), records on topics {@code prefix + stream}. */
    Map<String, String> connector(String prefix, int from, int to, int tasks) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", TogglSourceConnector.class.getName());
        c.put("tasks.max", Integer.toString(tasks));
        c.put("topic.prefix", prefix);
        c.put("rate", "1000");
        // The embedded broker does not auto-create topics: Connect creates them (KIP-158).
        c.put("topic.creation.default.replication.factor", "1");
        c.put("topic.creation.default.partitions", "1");
        c.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("key.converter.schemas.enable", "false");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            SimulatedAccount a = simulator.account(i);
            String name = accountName(i);
            names.add(name);
            c.put("toggl.account." + name + ".api_token", a.token());
            c.put("toggl.account." + name + ".base_url", simulator.baseUrl());
        }
        c.put("toggl.accounts", String.join(",", names));
        return c;
    }

    List<String> topics(String prefix) {
        return STREAMS.stream().map(s -> prefix + s).toList();
    }

    /**
     * Reads the prefix's topics (read_committed: aborted transactions stay invisible) until
     * {@code done} holds for what landed so far, or fails after {@code timeout}. Each stored record
     * counts once: the checking consumer's group rebalances as the topics appear and may be handed
     * records again from an older position, which are not duplicates in Kafka.
     */
    List<Landed> consumeUntil(String prefix, Predicate<List<Landed>> done, Duration timeout) {
        // Topics appear as the connector first writes to them: look for new ones every second, not every 5 minutes.
        Map<String, Object> props = Map.of(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.GROUP_ID_CONFIG, "check-" + prefix + System.nanoTime());
        List<Landed> landed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(props,
                topics(prefix).toArray(String[]::new))) {
            while (!done.test(landed)) {
                assertThat(System.nanoTime()).as("records of %s after %s; landed so far: %s", prefix, timeout, landed.size())
                        .isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (seen.add(r.topic() + "-" + r.partition() + "@" + r.offset())) {
                        landed.add(landed(prefix, r));
                    }
                }
            }
        }
        return landed;
    }

    /**
     * The latest value per (string) key of one topic, read until {@code done} holds for it or
     * {@code timeout} passes; for the connector's account status topic.
     */
    Map<String, JsonNode> latestByKey(String topic, Predicate<Map<String, JsonNode>> done, Duration timeout) {
        Map<String, Object> props = Map.of(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.GROUP_ID_CONFIG, "check-" + topic + System.nanoTime());
        Map<String, JsonNode> latest = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(props, topic)) {
            while (!done.test(latest)) {
                assertThat(System.nanoTime()).as("records of %s after %s; latest so far: %s", topic, timeout, latest)
                        .isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        latest.put(JSON.readTree(r.key()).asText(), JSON.readTree(r.value()));
                    } catch (java.io.IOException e) {
                        throw new AssertionError("record of " + topic + " is not JSON", e);
                    }
                }
            }
        }
        return latest;
    }

    private static Landed landed(String prefix, ConsumerRecord<byte[], byte[]> r) {
        try {
            Header h = r.headers().lastHeader(AccountReader.ACCOUNT_HEADER);
            JsonNode key = JSON.readTree(r.key());
            return new Landed(new String(h.value(), StandardCharsets.UTF_8), r.topic().substring(prefix.length()),
                    key.get("workspace_id").isNull() ? null : key.get("workspace_id").asLong(), key.get("id").asLong(),
                    JSON.readTree(r.value()), r.timestamp(), r.offset());
        } catch (java.io.IOException e) {
            throw new AssertionError("record of " + r.topic() + " is not JSON", e);
        }
    }

    /**
     * Every key of {@code expected} has landed. Stateful (for one {@link #consumeUntil}, whose list
     * only grows): it looks at each landed record once, so the check costs no more than the
     * consuming; re-scanning the whole list after every poll made the 500-account bench measure
     * this test's own quadratic loop.
     */
    static Predicate<List<Landed>> allOf(Set<GroundTruth.Key> expected) {
        Set<GroundTruth.Key> found = new HashSet<>();
        int[] looked = {0};
        return landed -> {
            for (; looked[0] < landed.size(); looked[0]++) {
                GroundTruth.Key key = landed.get(looked[0]).key();
                if (expected.contains(key)) {
                    found.add(key);
                }
            }
            return found.size() == expected.size();
        };
    }

    @Override
    public void close() {
        connect.stop();
    }
}
