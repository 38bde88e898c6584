package dev.togglsync.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The state of one stream for one connection, as stored in the target's {@code _toggl_sync_state}
 * table (DESIGN.md §6). A small versioned value with explicit (de)serialisation: a future version
 * can read old rows, and an unknown newer version is refused instead of being misread.
 *
 * <p>Version 2 added {@code windows}, the per-workspace progress of a windowed stream
 * (report_time_entries); a version 1 value reads as one without windows. Within version 2 a
 * window may carry {@code page_size}, {@code window_rows} and {@code rescan_rows} (added later,
 * for the dry run's estimate): a value without them reads as one without counts.
 *
 * @param cursor the incremental cursor (max {@code at} loaded), empty for streams without one
 * @param syncedAt when the run that wrote this state committed
 * @param rows rows written by that run (by a windowed stream: since its last commit)
 * @param windows by workspace id: how far a windowed stream has read it; empty for other streams
 */
public record StreamState(Optional<Instant> cursor, Instant syncedAt, long rows, Map<Long, WindowProgress> windows) {
    public static final int VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    public StreamState {
        Objects.requireNonNull(cursor, "cursor");
        windows = Collections.unmodifiableMap(new TreeMap<>(windows));
    }

    public StreamState(Optional<Instant> cursor, Instant syncedAt, long rows) {
        this(cursor, syncedAt, rows, Map.of());
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", VERSION);
        cursor.ifPresent(c -> node.put("cursor", c.toString()));
        node.put("synced_at", syncedAt.toString());
        node.put("rows", rows);
        if (!windows.isEmpty()) {
            ObjectNode all = node.putObject("windows");
            windows.forEach((workspace, p) -> {
                ObjectNode w = all.putObject(Long.toString(workspace));
                w.put("history_start", p.historyStart().toString());
                w.put("done_through", p.doneThrough().toString());
                w.put("windows", p.windows());
                p.cursor().ifPresent(c -> w.put("cursor", c.toString()));
                w.put("backfilled", p.backfilled());
                if (p.pageSize() > 0) {
                    w.put("page_size", p.pageSize());
                }
                if (!p.windowRows().isEmpty()) {
                    ObjectNode counts = w.putObject("window_rows");
                    p.windowRows().forEach((from, n) -> counts.put(from.toString(), n));
                }
                p.rescanRows().ifPresent(n -> w.put("rescan_rows", n));
            });
        }
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
        if (version != 1 && version != VERSION) {
            throw new IllegalArgumentException(
                    "state version " + node.path("version") + " is not supported (this build reads version " + VERSION + ")");
        }
        try {
            Optional<Instant> cursor = node.hasNonNull("cursor")
                    ? Optional.of(Instant.parse(node.get("cursor").asText()))
                    : Optional.empty();
            Instant syncedAt = Instant.parse(node.path("synced_at").asText());
            Map<Long, WindowProgress> windows = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.path("windows").properties()) {
                JsonNode w = e.getValue();
                Map<LocalDate, Long> counts = new TreeMap<>();
                for (Map.Entry<String, JsonNode> c : w.path("window_rows").properties()) {
                    counts.put(LocalDate.parse(c.getKey()), c.getValue().asLong());
                }
                windows.put(Long.parseLong(e.getKey()), new WindowProgress(LocalDate.parse(w.path("history_start").asText()),
                        LocalDate.parse(w.path("done_through").asText()), w.path("windows").asLong(),
                        w.hasNonNull("cursor") ? Optional.of(Instant.parse(w.get("cursor").asText())) : Optional.empty(),
                        w.path("backfilled").asBoolean(), w.path("page_size").asLong(), counts,
                        w.hasNonNull("rescan_rows") ? OptionalLong.of(w.get("rescan_rows").asLong()) : OptionalLong.empty()));
            }
            return new StreamState(cursor, syncedAt, node.path("rows").asLong(), windows);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("state value has a window whose workspace is not a number");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("state value has a malformed timestamp: " + e.getParsedString());
        }
    }
}
