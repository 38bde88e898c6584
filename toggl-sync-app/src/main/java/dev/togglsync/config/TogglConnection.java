package dev.togglsync.config;

import dev.togglsync.Secret;
import dev.togglsync.toggl.TogglAccount;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Toggl Track source ({@code type: api, spec: toggl-track}) as a named connection: the
 * validated {@link TogglAccount} that the source reads.
 */
public record TogglConnection(TogglAccount account) implements Connection {
    public static final URI DEFAULT_BASE_URL = TogglAccount.DEFAULT_BASE_URL;
    public static final double DEFAULT_RATE = TogglAccount.DEFAULT_RATE;
    public static final Duration DEFAULT_MAX_QUOTA_WAIT = TogglAccount.DEFAULT_MAX_QUOTA_WAIT;

    public TogglConnection(String name, Secret apiToken, Optional<Instant> anchorDate, URI baseUrl, double rate,
            Duration maxQuotaWait, List<Long> workspaceIds) {
        this(new TogglAccount(name, apiToken, anchorDate, baseUrl, rate, maxQuotaWait, workspaceIds));
    }

    /** The connection as parsed; {@link #withHistory} adds report_time_entries' inputs. */
    static TogglConnection of(String name, Secret apiToken, Optional<Instant> anchorDate, URI baseUrl, double rate,
            Duration maxQuotaWait, List<Long> workspaceIds) {
        return new TogglConnection(name, apiToken, anchorDate, baseUrl, rate, maxQuotaWait, workspaceIds);
    }

    /** The same connection with history_start and history_rescan_days. */
    public TogglConnection withHistory(Optional<java.time.LocalDate> historyStart, int rescanDays) {
        return new TogglConnection(account.withHistory(historyStart, rescanDays));
    }

    @Override
    public String name() {
        return account.name();
    }

    @Override
    public String type() {
        return "api";
    }

    public Secret apiToken() {
        return account.apiToken();
    }

    public Optional<Instant> anchorDate() {
        return account.anchorDate();
    }

    public URI baseUrl() {
        return account.baseUrl();
    }

    public double rate() {
        return account.rate();
    }

    public Duration maxQuotaWait() {
        return account.maxQuotaWait();
    }

    public List<Long> workspaceIds() {
        return account.workspaceIds();
    }
}
