package dev.togglsync.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Toggl Track source ({@code type: api, spec: toggl-track}) with its validated inputs.
 *
 * @param anchorDate where the first incremental time_entries sync starts; empty = now − 90 days
 * @param baseUrl scheme://host[:port]; API paths are appended
 * @param rate maximum requests per second (> 0)
 * @param maxQuotaWait the longest wait for an hourly quota reset before stopping resumably
 * @param workspaceIds workspaces to sync; empty = all
 */
public record TogglConnection(
        String name,
        Secret apiToken,
        Optional<Instant> anchorDate,
        URI baseUrl,
        double rate,
        Duration maxQuotaWait,
        List<Long> workspaceIds)
        implements Connection {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.track.toggl.com");
    public static final double DEFAULT_RATE = 1.0;
    public static final Duration DEFAULT_MAX_QUOTA_WAIT = Duration.ofSeconds(3600);

    public TogglConnection {
        workspaceIds = List.copyOf(workspaceIds);
    }

    @Override
    public String type() {
        return "api";
    }
}
