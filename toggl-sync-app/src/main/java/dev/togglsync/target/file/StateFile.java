package dev.togglsync.target.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.StoredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@value #NAME} in the target folder: the file target's counterpart of the {@code _toggl_sync_state}
 * table, one entry per source connection and stream holding {@link StreamState#toJson()}:
 * <pre>{"version": 1, "streams": [{"connection": "TOGGL_TRACK", "stream": "time_entries",
 *   "value": {...}, "updated_at": "2024-05-06T07:08:09Z"}]}</pre>
 * Replaced whole, through a temporary file renamed into place, so a reader or a crash sees the old
 * file or the new one, never a half-written one. Reading never creates it.
 */
final class StateFile {
    static final String NAME = "_toggl_sync_state.json";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String target;

    StateFile(Path folder, String target) {
        this.file = folder.resolve(NAME);
        this.target = target;
    }

    Path path() {
        return file;
    }

    List<StoredState> readAll() {
        List<StoredState> all = new ArrayList<>();
        for (JsonNode entry : entries()) {
            String connection = entry.path("connection").asText();
            String stream = entry.path("stream").asText();
            try {
                all.add(new StoredState(connection, stream, StreamState.fromJson(entry.path("value").toString())));
            } catch (IllegalArgumentException e) {
                // Never read an unreadable cursor as "no cursor": that would silently resync from the anchor.
                throw TogglSyncException.target(target + ": " + file + ": the state of " + connection + "/" + stream
                        + " cannot be read: " + e.getMessage() + "; upgrade toggl-sync, or run `toggl-sync state reset"
                        + " --stream " + stream + "` to start that stream again from its anchor", e);
            }
        }
        all.sort(Comparator.comparing(StoredState::connection).thenComparing(StoredState::stream));
        return all;
    }

    Optional<StreamState> read(String connection, String stream) {
        return readAll().stream().filter(s -> s.connection().equals(connection) && s.stream().equals(stream))
                .map(StoredState::state).findFirst();
    }

    /** Sets one stream's state, keeping the others; the file is replaced atomically. */
    void write(String connection, String stream, StreamState state, Instant now) {
        ArrayNode kept = others(connection, stream);
        ObjectNode entry = kept.addObject();
        entry.put("connection", connection);
        entry.put("stream", stream);
        try {
            entry.set("value", JSON.readTree(state.toJson()));
        } catch (IOException e) {
            throw new IllegalStateException("StreamState.toJson() is JSON", e);
        }
        entry.put("updated_at", now.toString());
        replace(kept);
    }

    /** Deletes one stream's state; returns whether there was one. */
    boolean delete(String connection, String stream) {
        ArrayNode kept = others(connection, stream);
        if (kept.size() == entries().size()) {
            return false;
        }
        replace(kept);
        return true;
    }

    private ArrayNode others(String connection, String stream) {
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode entry : entries()) {
            if (!(entry.path("connection").asText().equals(connection) && entry.path("stream").asText().equals(stream))) {
                kept.add(entry);
            }
        }
        return kept;
    }

    private ArrayNode entries() {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return JSON.createArrayNode();
        } catch (IOException e) {
            throw TogglSyncException.target(target + ": cannot read " + file + ": " + e.getMessage()
                    + "; restore it, or delete it to start every stream again from its anchor", e);
        }
        if (root == null || !root.path("streams").isArray() || root.path("version").asInt() != VERSION) {
            throw TogglSyncException.target(target + ": " + file + " is not a toggl-sync state file of version "
                    + VERSION + "; restore it, or delete it to start every stream again from its anchor", null);
        }
        return (ArrayNode) root.path("streams");
    }

    private void replace(ArrayNode streams) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.set("streams", streams);
        try {
            AtomicFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw TogglSyncException.target(target + ": cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
