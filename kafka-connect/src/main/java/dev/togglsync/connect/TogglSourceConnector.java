package dev.togglsync.connect;

import dev.togglsync.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

/**
 * The Toggl Track source as a Kafka Connect source connector (DESIGN.md §10): many accounts,
 * split across {@code tasks.max}; each account keeps the CLI's pacing, retry and quota gate.
 * Records go to {@code topic.prefix + stream}, keyed by {@code {workspace_id, id}}.
 */
public final class TogglSourceConnector extends SourceConnector {
    private Map<String, String> props;
    private TogglConnectorConfig config;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new TogglConnectorConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TogglSourceTask.class;
    }

    /**
     * Accounts split into at most {@code maxTasks} contiguous groups. A task's config holds only
     * its own accounts' keys, with the values exactly as configured, so that Connect stores a
     * ConfigProvider reference such as {@code ${file:...}} rather than the token it resolves to.
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> names = config.accounts().stream().map(TogglConnectorConfig.Account::name).toList();
        List<List<String>> groups = ConnectorUtils.groupPartitions(names, Math.min(maxTasks, names.size()));
        List<Map<String, String>> tasks = new ArrayList<>();
        for (List<String> group : groups) {
            Map<String, String> task = new HashMap<>();
            props.forEach((k, v) -> {
                if (!k.startsWith(TogglConnectorConfig.ACCOUNT_PREFIX) || ownedBy(k, group)) {
                    task.put(k, v);
                }
            });
            task.put(TogglConnectorConfig.ACCOUNTS, String.join(",", group));
            task.put(TogglConnectorConfig.TASK_ACCOUNTS, String.join(",", group));
            tasks.add(task);
        }
        return tasks;
    }

    private static boolean ownedBy(String key, List<String> accounts) {
        return accounts.stream().anyMatch(a -> key.startsWith(TogglConnectorConfig.ACCOUNT_PREFIX + a + "."));
    }

    @Override
    public void stop() {}

    @Override
    public ConfigDef config() {
        return TogglConnectorConfig.DEF;
    }

    /** The fixed keys through {@link TogglConnectorConfig#DEF}, then each account's keys. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        ConfigDef def = TogglConnectorConfig.definition(connectorConfigs);
        List<ConfigValue> values = def.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        values.forEach(v -> byName.put(v.name(), v));
        TogglConnectorConfig.accountErrors(connectorConfigs).forEach((key, errors) -> {
            ConfigValue v = byName.get(key);
            if (v == null) {
                v = new ConfigValue(key);
                byName.put(key, v);
                values.add(v);
            }
            errors.forEach(v::addErrorMessage);
        });
        return new Config(values);
    }

    /**
     * Reads are committed with their offsets per poll batch, and a batch always holds whole
     * reads (see {@link Outbox}): a worker with exactly-once source support writes each read and
     * its new cursor atomically.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /** Poll batches are the right transactions (see {@link #exactlyOnceSupport}); no connector-defined ones. */
    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    /**
     * Lets an operator reset or set a stream's offset ({@code PATCH /connectors/<name>/offsets}):
     * a null offset means "read from the anchor again"; any other must be a state this build
     * reads. Refused with a message naming the partition and the fix otherwise.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> e : offsets.entrySet()) {
            Optional<String> wrong = Offsets.checkPartition(e.getKey());
            if (wrong.isPresent()) {
                throw new ConnectException(wrong.get());
            }
            if (e.getValue() != null) {
                try {
                    Offsets.state(e.getValue());
                } catch (IllegalArgumentException ex) {
                    throw new ConnectException("partition " + e.getKey() + ": " + ex.getMessage());
                }
            }
        }
        return true;
    }
}
