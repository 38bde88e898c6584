package dev.togglsync.simulator;

import java.time.Instant;
import java.util.Objects;

/** A client (toggl-api.md §4.5: note {@code wid}, not {@code workspace_id}). Change through {@link Dataset#updateClient}. */
public record Client(long id, long workspaceId, boolean archived, String name, Instant at, long creatorId) {
    public Client {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
    }

    public Client withName(String v) {
        return new Client(id, workspaceId, archived, v, at, creatorId);
    }

    public Client withArchived(boolean v) {
        return new Client(id, workspaceId, v, name, at, creatorId);
    }

    Client withAt(Instant v) {
        return new Client(id, workspaceId, archived, name, v, creatorId);
    }
}
