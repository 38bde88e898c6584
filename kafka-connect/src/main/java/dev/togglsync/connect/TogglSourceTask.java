package dev.togglsync.connect;

import dev.togglsync.Version;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.state.StreamState;
import dev.togglsync.toggl.SourceOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the accounts the connector gave this task, each on its own {@link AccountReader} thread,
 * and hands their finished reads to Connect. {@code poll()} returns within a second whatever the
 * accounts are doing (waiting for a quota, pacing, a slow response).
 */
public final class TogglSourceTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(TogglSourceTask.class);
    /** How long stop() waits for account threads; one stuck in a slow response is left behind (daemon). */
    static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final List<AccountReader> readers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private Outbox outbox;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        TogglConnectorConfig config = new TogglConnectorConfig(props);
        List<String> mine = List.of(props.getOrDefault(TogglConnectorConfig.TASK_ACCOUNTS, "").split(","));
        List<TogglConnectorConfig.Account> accounts = config.accounts().stream().filter(a -> mine.contains(a.name())).toList();
        List<StreamSpec> streams = config.streams().stream().map(n -> StreamCatalogue.find(n).orElseThrow()).toList();
        Map<String, Map<String, Optional<StreamState>>> states = storedStates(accounts, streams);
        outbox = new Outbox(Math.max(4, 2 * accounts.size()));
        SourceOptions options = SourceOptions.defaults();
        AccountHealth health = new AccountHealth(props.getOrDefault("name", ""),
                accounts.stream().map(TogglConnectorConfig.Account::name).toList(), config.topicPrefix(), outbox, options.clock());
        health.register(context.pluginMetrics());
        for (TogglConnectorConfig.Account account : accounts) {
            AccountReader reader = new AccountReader(account, streams, states.get(account.name()), config, outbox, health,
                    options);
            Thread t = new Thread(reader, "toggl-account-" + account.name());
            t.setDaemon(true);
            readers.add(reader);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        LOG.info("toggl source task started with {} account(s): {}", accounts.size(), mine);
    }

    /** Every stored offset of this task's accounts, read in one batch. */
    private Map<String, Map<String, Optional<StreamState>>> storedStates(List<TogglConnectorConfig.Account> accounts,
            List<StreamSpec> streams) {
        Map<Map<String, String>, String[]> partitions = new HashMap<>();
        for (TogglConnectorConfig.Account a : accounts) {
            for (StreamSpec s : streams) {
                partitions.put(Offsets.partition(a.name(), a.toggl().workspaceIds(), s.name()), new String[] {a.name(), s.name()});
            }
        }
        Map<Map<String, String>, Map<String, Object>> stored = context.offsetStorageReader().offsets(partitions.keySet());
        Map<String, Map<String, Optional<StreamState>>> states = new LinkedHashMap<>();
        accounts.forEach(a -> states.put(a.name(), new LinkedHashMap<>()));
        partitions.forEach((partition, names) -> {
            Optional<StreamState> state;
            try {
                state = Offsets.state(stored == null ? null : stored.get(partition));
            } catch (IllegalArgumentException e) {
                throw new ConnectException("stored offset of " + partition + ": " + e.getMessage()
                        + " (reset it with PATCH /connectors/<name>/offsets)");
            }
            states.get(names[0]).put(names[1], state);
        });
        return states;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        return outbox.drain();
    }

    @Override
    public void stop() {
        readers.forEach(AccountReader::stop);
        if (outbox != null) {
            outbox.close();
        }
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
