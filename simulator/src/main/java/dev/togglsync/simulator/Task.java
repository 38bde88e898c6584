package dev.togglsync.simulator;

import java.time.Instant;

/**
 * A task of a Premium workspace (toggl-api.md §4.7).
 *
 * @param active false = done
 * @param trackedMillis Toggl's {@code tracked_seconds}, which is milliseconds despite its name
 */
record Task(
        long id,
        String name,
        long workspaceId,
        long projectId,
        Long userId,
        boolean active,
        Instant at,
        Long estimatedSeconds,
        long trackedMillis) {}
