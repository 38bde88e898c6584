package dev.togglsync.toggl;

import dev.togglsync.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Toggl Track account as the source reads it: the token and the validated inputs of DESIGN.md
 * §2. The CLI's configuration and the Kafka Connect connector each build one; the source knows
 * nothing of where it came from. {@code toString()} masks the token.
 *
 * @param name the connection (or connector account) name, for messages
 * @param anchorDate where the first incremental time_entries sync starts; empty = now − 90 days
 * @param baseUrl scheme://host[:port]; API paths are appended
 * @param rate maximum requests per second (> 0)
 * @param maxQuotaWait the longest wait for an hourly quota reset before stopping resumably
 * @param workspaceIds workspaces to sync; empty = all
 * @param historyStart where report_time_entries starts on its first run; empty = the
 *     organization's {@code created_at}, else 365 days back (with a warning saying which)
 * @param historyRescanDays days before today that every report_time_entries run reads again in full
 */
public record TogglAccount(
        String name,
        Secret apiToken,
        Optional<Instant> anchorDate,
        URI baseUrl,
        double rate,
        Duration maxQuotaWait,
        List<Long> workspaceIds,
        Optional<LocalDate> historyStart,
        int historyRescanDays) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.track.toggl.com");
    public static final double DEFAULT_RATE = 1.0;
    public static final Duration DEFAULT_MAX_QUOTA_WAIT = Duration.ofSeconds(3600);
    public static final int DEFAULT_HISTORY_RESCAN_DAYS = 35;

    public TogglAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(apiToken, "apiToken");
        Objects.requireNonNull(anchorDate, "anchorDate");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(maxQuotaWait, "maxQuotaWait");
        workspaceIds = List.copyOf(workspaceIds);
        Objects.requireNonNull(historyStart, "historyStart");
        if (historyRescanDays < 0) {
            throw new IllegalArgumentException("historyRescanDays must be >= 0, got " + historyRescanDays);
        }
    }

    /** An account with the history defaults: history_start from the organization, 35 rescan days. */
    public TogglAccount(String name, Secret apiToken, Optional<Instant> anchorDate, URI baseUrl, double rate,
            Duration maxQuotaWait, List<Long> workspaceIds) {
        this(name, apiToken, anchorDate, baseUrl, rate, maxQuotaWait, workspaceIds, Optional.empty(),
                DEFAULT_HISTORY_RESCAN_DAYS);
    }

    /** The same account with report_time_entries' inputs. */
    public TogglAccount withHistory(Optional<LocalDate> start, int rescanDays) {
        return new TogglAccount(name, apiToken, anchorDate, baseUrl, rate, maxQuotaWait, workspaceIds, start, rescanDays);
    }

    /** The same account limited to these workspaces. */
    public TogglAccount withWorkspaceIds(List<Long> ids) {
        return new TogglAccount(name, apiToken, anchorDate, baseUrl, rate, maxQuotaWait, ids, historyStart,
                historyRescanDays);
    }
}
