package dev.togglsync.toggl;

import dev.togglsync.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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
 */
public record TogglAccount(
        String name,
        Secret apiToken,
        Optional<Instant> anchorDate,
        URI baseUrl,
        double rate,
        Duration maxQuotaWait,
        List<Long> workspaceIds) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.track.toggl.com");
    public static final double DEFAULT_RATE = 1.0;
    public static final Duration DEFAULT_MAX_QUOTA_WAIT = Duration.ofSeconds(3600);

    public TogglAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(apiToken, "apiToken");
        Objects.requireNonNull(anchorDate, "anchorDate");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(maxQuotaWait, "maxQuotaWait");
        workspaceIds = List.copyOf(workspaceIds);
    }

    /** The same account limited to these workspaces. */
    public TogglAccount withWorkspaceIds(List<Long> ids) {
        return new TogglAccount(name, apiToken, anchorDate, baseUrl, rate, maxQuotaWait, ids);
    }
}
