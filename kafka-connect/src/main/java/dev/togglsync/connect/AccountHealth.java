package dev.togglsync.connect;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The accounts of one task and how each is doing. Connect's status model has a state per task
 * only, and a task here serves several accounts; so one account's permanent failure (Toggl refused
 * its token) stops that account alone, while the task stays RUNNING for the others. The failure is
 * made visible three ways: an ERROR log line naming the account and the fix, a record on the status
 * topic keyed by the account, and the task metric {@code account-failed} (1/0, tag {@code account}).
 * Only when every account of the task has failed does the task itself fail, with all of them in
 * its trace: it then does nothing at all, which is what FAILED means to an operator.
 */
final class AccountHealth {
    static final String FAILED_METRIC = "account-failed";

    private final String connector;
    private final String topicPrefix;
    private final Outbox outbox;
    private final Clock clock;
    private final Map<String, AccountStatus> latest = new ConcurrentHashMap<>();

    AccountHealth(String connector, List<String> accounts, String topicPrefix, Outbox outbox, Clock clock) {
        this.connector = connector;
        this.topicPrefix = topicPrefix;
        this.outbox = outbox;
        this.clock = clock;
        accounts.forEach(a -> latest.put(a, status(a, AccountStatus.State.STARTING, Optional.empty())));
    }

    /** One gauge per account in the task's plugin metrics (JMX: kafka.connect:type=plugins,connector=…,task=…,account=…). */
    void register(PluginMetrics metrics) {
        for (String account : latest.keySet()) {
            LinkedHashMap<String, String> tags = new LinkedHashMap<>();
            tags.put("account", account);
            MetricName name = metrics.metricName(FAILED_METRIC,
                    "1 when Toggl refused this account's token (or its reader failed for good): the account is not synced"
                            + " until the task restarts; 0 otherwise", tags);
            metrics.addMetric(name, (Gauge<Integer>) (config, now) -> state(account) == AccountStatus.State.FAILED ? 1 : 0);
        }
    }

    AccountStatus.State state(String account) {
        return latest.get(account).state();
    }

    /**
     * The status record to send with the account's first successful read (once per task start,
     * and so also after the token was fixed and the task restarted), else nothing.
     */
    Optional<SourceRecord> readSucceeded(String account) {
        if (state(account) != AccountStatus.State.STARTING) {
            return Optional.empty();
        }
        AccountStatus running = status(account, AccountStatus.State.RUNNING, Optional.empty());
        latest.put(account, running);
        return Optional.of(running.record(topicPrefix));
    }

    /**
     * The account stops for good: its status record goes out first, then, if it was the task's
     * last account still working, the task fails (after that record has been handed to Connect).
     */
    void failed(String account, String message) throws InterruptedException {
        AccountStatus failed = status(account, AccountStatus.State.FAILED, Optional.of(message));
        latest.put(account, failed);
        outbox.put(List.of(failed.record(topicPrefix)));
        if (latest.values().stream().allMatch(s -> s.state() == AccountStatus.State.FAILED)) {
            String all = latest.values().stream().map(s -> s.error().orElseThrow()).sorted().collect(Collectors.joining("; "));
            outbox.fail(new ConnectException("every account of this task failed: " + all));
        }
    }

    private AccountStatus status(String account, AccountStatus.State state, Optional<String> error) {
        return new AccountStatus(connector, account, state, error, clock.instant());
    }
}
