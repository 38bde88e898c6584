package dev.togglsync.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * A tag (toggl-api.md §4.6). A deleted tag vanishes from {@code /tags} and from every time entry's
 * {@code tag_ids}/{@code tags} without bumping the entries' {@code at}, as Toggl does.
 *
 * @param deletedAt null while the tag exists
 */
public record Tag(long id, long workspaceId, String name, Instant at, long creatorId, Instant deletedAt) {
    public Tag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
    }

    public Tag withName(String v) {
        return new Tag(id, workspaceId, v, at, creatorId, deletedAt);
    }

    Tag withAt(Instant v) {
        return new Tag(id, workspaceId, name, v, creatorId, deletedAt);
    }

    Tag withDeletedAt(Instant v) {
        return new Tag(id, workspaceId, name, at, creatorId, v);
    }
}
