package dev.togglsync.connect;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.http.ApiException;
import dev.togglsync.http.QuotaExhaustedException;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import dev.togglsync.toggl.ReadRequest;
import dev.togglsync.toggl.SourceOptions;
import dev.togglsync.toggl.StreamResult;
import dev.togglsync.toggl.TogglSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account inside a task, on its own thread: its own {@link TogglSource} (the CLI's pacing,
 * retry and quota gate), so an account waiting for its quota holds up nobody else. It reads each
 * stream when due (time_entries by cursor every poll interval, the others whole every refresh
 * interval) and hands each read to the {@link Outbox} as one unit.
 *
 * <p>Offsets within a unit: every record but the last carries the state from before the read,
 * the last carries the new one. Without exactly-once, Connect commits the offset of the newest
 * record whose predecessors are all acknowledged; so the new cursor is stored only once the whole
 * read is in Kafka, and a worker that dies mid-read leaves the old cursor: the read is repeated
 * (duplicates, never gaps).
 */
final class AccountReader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AccountReader.class);
    /** After a failed read that is not the token's fault (Toggl down, a bad body): try again this much later. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    static final String ACCOUNT_HEADER = "toggl.account";
    private static final Duration NAP = Duration.ofMillis(200);

    private final TogglConnectorConfig.Account account;
    private final List<StreamSpec> streams;
    private final Map<String, Optional<StreamState>> states;
    private final Map<String, Instant> notBefore = new LinkedHashMap<>();
    private final String topicPrefix;
    private final Duration pollInterval;
    private final Duration refreshInterval;
    private final Outbox outbox;
    private final AccountHealth health;
    private final SourceOptions options;
    private final Clock clock;
    private volatile boolean stopped;

    AccountReader(TogglConnectorConfig.Account account, List<StreamSpec> streams, Map<String, Optional<StreamState>> states,
            TogglConnectorConfig config, Outbox outbox, AccountHealth health, SourceOptions options) {
        this.account = account;
        this.streams = streams;
        this.states = new LinkedHashMap<>(states);
        this.topicPrefix = config.topicPrefix();
        this.pollInterval = config.pollInterval();
        this.refreshInterval = config.refreshInterval();
        this.outbox = outbox;
        this.health = health;
        this.options = options;
        this.clock = options.clock();
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try (TogglSource source = new TogglSource(account.toggl(), options)) {
            while (!stopped) {
                Instant next = Instant.MAX;
                for (StreamSpec stream : streams) {
                    if (stopped) {
                        return;
                    }
                    if (!clock.instant().isBefore(due(stream))) {
                        read(source, stream);
                    }
                    Instant due = due(stream);
                    next = due.isBefore(next) ? due : next;
                }
                sleepUntil(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TokenRefused e) {
            // Expected and explained by its message: no stack trace in the log.
            failed(e.getMessage(), null);
        } catch (RuntimeException e) {
            // A reader that broke for a reason we did not foresee: the same isolation, with the trace.
            failed("account '" + account.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * This account stops for good; the task's other accounts go on (see {@link AccountHealth}).
     * The message names the account and the fix, never the token (TogglSyncException messages
     * carry none).
     */
    private void failed(String message, RuntimeException trace) {
        if (stopped) {
            return;
        }
        LOG.error("{}; this account is not synced until the task restarts, the task's other accounts go on", message, trace);
        try {
            health.failed(account.name(), message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Toggl refused the account's token (a 401, or a 403 on its own data): retrying cannot help, only a new token. */
    private static final class TokenRefused extends RuntimeException {
        TokenRefused(String account, TogglSyncException refusal) {
            super("account '" + account + "': Toggl refused the token (" + what(refusal) + "); check "
                    + TogglConnectorConfig.ACCOUNT_PREFIX + account + "." + TogglConnectorConfig.API_TOKEN
                    + " (or the ConfigProvider entry it names), then restart the task", null, false, false);
        }

        /**
         * The request and Toggl's answer, from the HTTP failure itself: the source's own message
         * ends with the CLI's fix ("check secrets.api_token"), which is the wrong key here.
         */
        private static String what(TogglSyncException refusal) {
            if (refusal.getCause() instanceof ApiException api) {
                return "HTTP " + api.status() + " on " + api.method() + " " + api.target()
                        + (api.body().isEmpty() ? "" : ": " + api.body());
            }
            return refusal.getMessage();
        }
    }

    private Instant due(StreamSpec stream) {
        Instant after = notBefore.get(stream.name());
        Instant due = states.get(stream.name())
                .map(s -> s.syncedAt().plus(StreamCatalogue.byCursor(stream) ? pollInterval : refreshInterval))
                .orElse(Instant.MIN);
        return after != null && after.isAfter(due) ? after : due;
    }

    private void read(TogglSource source, StreamSpec stream) throws InterruptedException {
        Optional<StreamState> before = states.get(stream.name());
        ReadRequest request = StreamCatalogue.byCursor(stream)
                ? ReadRequest.incremental(before.flatMap(StreamState::cursor))
                : ReadRequest.fullRefresh();
        Collector rows = new Collector(stream.schema());
        StreamResult result;
        try {
            result = source.read(stream, request, rows);
        } catch (QuotaExhaustedException e) {
            // Longer than max.quota.wait.ms: park this stream until the reset, the other accounts go on.
            LOG.warn("account '{}': {}: {}", account.name(), stream.name(), e.getMessage());
            notBefore.put(stream.name(), e.resetsAt());
            return;
        } catch (TogglSyncException e) {
            if (stopped) {
                return;
            }
            if (e.exitCode() == ExitCode.AUTHENTICATION) {
                throw new TokenRefused(account.name(), e);
            }
            LOG.warn("account '{}': {}: {}; trying again in {} s", account.name(), stream.name(), e.getMessage(),
                    RETRY_AFTER_FAILURE.toSeconds());
            notBefore.put(stream.name(), clock.instant().plus(RETRY_AFTER_FAILURE));
            return;
        }
        result.warnings().forEach(w -> LOG.warn("account '{}': {}", account.name(), w));
        Instant syncedAt = clock.instant();
        StreamState after = new StreamState(result.cursor(), syncedAt, result.records());
        List<SourceRecord> unit = records(stream, rows, before, after, syncedAt);
        // The account's RUNNING status goes with its first read, ahead of the rows: in the same
        // poll batch, so with exactly-once it commits together with them.
        health.readSucceeded(account.name()).ifPresent(status -> unit.add(0, status));
        if (!unit.isEmpty() && !outbox.put(unit)) {
            return; // stopped while the outbox was full: the read is not handed over, so its state is not kept
        }
        states.put(stream.name(), Optional.of(after));
        notBefore.remove(stream.name());
    }

    private List<SourceRecord> records(StreamSpec stream, Collector rows, Optional<StreamState> before, StreamState after,
            Instant syncedAt) {
        Map<String, String> partition = Offsets.partition(account.name(), account.toggl().workspaceIds(), stream.name());
        Map<String, Object> oldOffset = Offsets.offset(before);
        Map<String, Object> newOffset = Offsets.offset(Optional.of(after));
        String topic = topicPrefix + stream.name();
        List<SourceRecord> unit = new ArrayList<>(rows.rows.size());
        for (int i = 0; i < rows.rows.size(); i++) {
            Object[] row = rows.rows.get(i);
            TableSchema schema = rows.schemas.get(i);
            Schema valueSchema = StreamCatalogue.valueSchema(stream, schema);
            Struct key = StreamCatalogue.key(stream, schema, row);
            Struct value = StreamCatalogue.value(valueSchema, schema, row);
            ConnectHeaders headers = new ConnectHeaders();
            headers.addString(ACCOUNT_HEADER, account.name());
            boolean last = i == rows.rows.size() - 1;
            unit.add(new SourceRecord(partition, last ? newOffset : oldOffset, topic, null, StreamCatalogue.KEY_SCHEMA, key,
                    valueSchema, value, syncedAt.toEpochMilli(), headers));
        }
        return unit;
    }

    private void sleepUntil(Instant next) throws InterruptedException {
        while (!stopped) {
            Duration left = Duration.between(clock.instant(), next);
            if (left.isNegative() || left.isZero()) {
                return;
            }
            // Short naps so that stop() is noticed quickly; next may be far away (Instant.MAX: nothing due).
            Thread.sleep(left.compareTo(NAP) > 0 ? NAP.toMillis() : Math.max(1, left.toMillis()));
        }
    }

    /** One read's rows with the schema each was built for (a field Toggl added later widens it). */
    private static final class Collector implements RowSink {
        final List<Object[]> rows = new ArrayList<>();
        final List<TableSchema> schemas = new ArrayList<>();
        private TableSchema schema;

        Collector(TableSchema schema) {
            this.schema = schema;
        }

        @Override
        public void schemaChanged(TableSchema schema) {
            this.schema = schema;
        }

        @Override
        public void accept(Object[] row) {
            rows.add(row);
            schemas.add(schema);
        }
    }
}
