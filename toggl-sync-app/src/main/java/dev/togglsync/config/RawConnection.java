package dev.togglsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.togglsync.TogglSyncException;
import java.util.Optional;

/**
 * A connection as found, before validation: its definition (a URL string or a map), or the
 * reason it could not even be read (a broken YAML value in a variable), kept so that only
 * using or listing that connection fails, not every command.
 *
 * @param origin where it came from, for {@code conns list}: env.yaml, .env.sling, env var
 */
record RawConnection(String name, String origin, Where where, Optional<JsonNode> definition,
        Optional<TogglSyncException> unreadable) {
    static RawConnection of(String name, String origin, Where where, JsonNode definition) {
        return new RawConnection(name, origin, where, Optional.of(definition), Optional.empty());
    }

    static RawConnection unreadable(String name, String origin, TogglSyncException problem) {
        return new RawConnection(name, origin, Where.of(origin), Optional.empty(), Optional.of(problem));
    }
}
