package dev.togglsync.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The state of one stream for one connection, as stored in the target's {@code _toggl_sync_state}
 * table (DESIGN.md §6). A small versioned value with explicit (de)serialisation: a future version
 * can read old rows, and an unknown newer version is refused instead of being misread.
 *
 * @param cursor the incremental cursor (max {@code at} loaded), empty for streams without one
 * @param syncedAt when the run that wrote this state committed
 * @param rows rows written by that run
 */
public record StreamState(Optional<Instant> cursor, Instant syncedAt, long rows) {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", VERSION);
        cursor.ifPresent(c -> node.put("cursor", c.toString()));
        node.put("synced_at", syncedAt.toString());
        node.put("rows", rows);
        return node.toString();
    }

    /** Reads a stored value; {@link IllegalArgumentException} names what is wrong with it. */
    public static StreamState fromJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("state value is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("state value is not a JSON object");
        }
        int version = node.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IllegalArgumentException(
                    "state version " + node.path("version") + " is not supported (this build reads version " + VERSION + ")");
        }
        try {
            Optional<Instant> cursor = node.hasNonNull("cursor")
                    ? Optional.of(Instant.parse(node.get("cursor").asText()))
                    : Optional.empty();
            Instant syncedAt = Instant.parse(node.path("synced_at").asText());
            return new StreamState(cursor, syncedAt, node.path("rows").asLong());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("state value has a malformed timestamp: " + e.getParsedString());
        }
    }
}
