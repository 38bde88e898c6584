package dev.togglsync.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One time entry as the simulator holds it. The JSON adds what Toggl derives: {@code duration},
 * {@code tags} (names of {@code tagIds}), {@code duronly} and the legacy {@code uid/wid/pid/tid}.
 * Tests change entries through {@link Dataset#updateTimeEntry} with the {@code with...} methods;
 * the dataset keeps {@code id}, {@code userId}, {@code at} and {@code serverDeletedAt} itself.
 *
 * @param projectId null when the entry has no project (then {@code pid} is omitted)
 * @param taskId null when none (then {@code tid} is omitted)
 * @param stop null while running
 * @param description null when never set
 * @param serverDeletedAt non-null once deleted
 */
public record TimeEntry(
        long id,
        long workspaceId,
        Long projectId,
        Long taskId,
        boolean billable,
        Instant start,
        Instant stop,
        String description,
        List<Long> tagIds,
        Instant at,
        Instant serverDeletedAt,
        long userId) {

    public TimeEntry {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(at, "at");
        tagIds = List.copyOf(tagIds);
        if (stop != null && stop.isBefore(start)) {
            throw new IllegalArgumentException("time entry " + id + ": stop " + stop + " is before start " + start);
        }
    }

    public boolean running() {
        return stop == null;
    }

    public boolean deleted() {
        return serverDeletedAt != null;
    }

    /** Seconds; while running Toggl's legacy form {@code -(start epoch seconds)} (toggl-api.md §4.9.4). */
    public long duration() {
        return stop == null ? -start.getEpochSecond() : Duration.between(start, stop).getSeconds();
    }

    public TimeEntry withWorkspaceId(long v) {
        return new TimeEntry(id, v, projectId, taskId, billable, start, stop, description, tagIds, at, serverDeletedAt, userId);
    }

    public TimeEntry withProjectId(Long v) {
        return new TimeEntry(id, workspaceId, v, taskId, billable, start, stop, description, tagIds, at, serverDeletedAt, userId);
    }

    public TimeEntry withTaskId(Long v) {
        return new TimeEntry(id, workspaceId, projectId, v, billable, start, stop, description, tagIds, at, serverDeletedAt, userId);
    }

    public TimeEntry withBillable(boolean v) {
        return new TimeEntry(id, workspaceId, projectId, taskId, v, start, stop, description, tagIds, at, serverDeletedAt, userId);
    }

    public TimeEntry withStart(Instant v) {
        return new TimeEntry(id, workspaceId, projectId, taskId, billable, v, stop, description, tagIds, at, serverDeletedAt, userId);
    }

    public TimeEntry withStop(Instant v) {
        return new TimeEntry(id, workspaceId, projectId, taskId, billable, start, v, description, tagIds, at, serverDeletedAt, userId);
    }

    public TimeEntry withDescription(String v) {
        return new TimeEntry(id, workspaceId, projectId, taskId, billable, start, stop, v, tagIds, at, serverDeletedAt, userId);
    }

    public TimeEntry withTagIds(List<Long> v) {
        return new TimeEntry(id, workspaceId, projectId, taskId, billable, start, stop, description, v, at, serverDeletedAt, userId);
    }

    TimeEntry withIdentity(long newId, long newUserId) {
        return new TimeEntry(newId, workspaceId, projectId, taskId, billable, start, stop, description, tagIds, at, serverDeletedAt, newUserId);
    }

    TimeEntry withAt(Instant v) {
        return new TimeEntry(id, workspaceId, projectId, taskId, billable, start, stop, description, tagIds, v, serverDeletedAt, userId);
    }

    TimeEntry withServerDeletedAt(Instant v) {
        return new TimeEntry(id, workspaceId, projectId, taskId, billable, start, stop, description, tagIds, at, v, userId);
    }
}
