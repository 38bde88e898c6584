package dev.togglsync.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A project. The JSON (toggl-api.md §4.4) derives {@code status}, the legacy {@code wid/cid} and
 * the many always-null fields. Change through {@link Dataset#updateProject}; {@code at} is the dataset's.
 *
 * @param clientId null when the project has no client
 * @param rate null unless billable rates are set (Premium workspace)
 * @param currency null with {@code rate}
 */
public record Project(
        long id,
        long workspaceId,
        Long clientId,
        String name,
        boolean isPrivate,
        boolean active,
        Instant at,
        Instant createdAt,
        String color,
        boolean billable,
        Double rate,
        String currency,
        LocalDate startDate,
        long actualSeconds,
        boolean pinned) {

    public Project {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(startDate, "startDate");
    }

    public String status() {
        return active ? "active" : "archived";
    }

    public Project withName(String v) {
        return new Project(id, workspaceId, clientId, v, isPrivate, active, at, createdAt, color, billable, rate, currency, startDate, actualSeconds, pinned);
    }

    public Project withClientId(Long v) {
        return new Project(id, workspaceId, v, name, isPrivate, active, at, createdAt, color, billable, rate, currency, startDate, actualSeconds, pinned);
    }

    public Project withActive(boolean v) {
        return new Project(id, workspaceId, clientId, name, isPrivate, v, at, createdAt, color, billable, rate, currency, startDate, actualSeconds, pinned);
    }

    public Project withColor(String v) {
        return new Project(id, workspaceId, clientId, name, isPrivate, active, at, createdAt, v, billable, rate, currency, startDate, actualSeconds, pinned);
    }

    public Project withBillable(boolean v) {
        return new Project(id, workspaceId, clientId, name, isPrivate, active, at, createdAt, color, v, rate, currency, startDate, actualSeconds, pinned);
    }

    Project withAt(Instant v) {
        return new Project(id, workspaceId, clientId, name, isPrivate, active, v, createdAt, color, billable, rate, currency, startDate, actualSeconds, pinned);
    }
}
