package dev.togglsync.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.simulator.Dataset;
import dev.togglsync.toggl.TogglStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every stream of one simulated account should land as: the simulator's own JSON (the shared
 * {@link dev.togglsync.testing.GroundTruth}) per Connect record key, and the comparison of a landed value (JsonConverter, schemas off) with it, column by
 * declared column.
 */
final class GroundTruth {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record's identity across accounts: the header names the account, the key the record. */
    record Key(String account, String stream, Long workspaceId, long id) {}

    private GroundTruth() {}

    /** The records of {@code streams} the simulator serves, all time entries included (a first read from nothing). */
    static Map<Key, ObjectNode> of(String account, Dataset d, List<String> streams) {
        Map<Key, ObjectNode> all = new HashMap<>();
        for (String name : streams) {
            TogglStream stream = TogglStream.find(name)
                    .orElseThrow(() -> new IllegalArgumentException("no stream " + name + "; available: " + TogglStream.names()));
            List<ObjectNode> records = dev.togglsync.testing.GroundTruth.records(d, stream,
                    () -> d.timeEntriesModifiedSince(Instant.EPOCH).toList());
            for (ObjectNode r : records) {
                // Where the key's workspace_id comes from, said independently of StreamCatalogue.workspaceColumn.
                Long ws = stream == TogglStream.ME ? null
                        : stream == TogglStream.WORKSPACES ? r.get("id").asLong()
                        : r.has("workspace_id") ? r.get("workspace_id").asLong() : r.get("wid").asLong();
                all.put(new Key(account, name, ws, r.get("id").asLong()), r);
            }
        }
        return all;
    }

    /** Differences between a landed value and the simulator's record, one line each; empty = equal. */
    static List<String> differences(String stream, ObjectNode expected, JsonNode landed) {
        StreamSpec spec = StreamCatalogue.find(stream).orElseThrow();
        List<String> diffs = new ArrayList<>();
        for (Column c : spec.schema().columns()) {
            JsonNode e = expected.get(c.name());
            JsonNode a = landed.get(c.name());
            boolean eNull = e == null || e.isNull();
            boolean aNull = a == null || a.isNull();
            if (eNull || aNull) {
                if (eNull != aNull) {
                    diffs.add(c.name() + ": expected " + e + ", landed " + a);
                }
                continue;
            }
            boolean same = switch (c.type()) {
                case BIGINT -> e.asLong() == a.asLong();
                case DOUBLE -> e.asDouble() == a.asDouble();
                case BOOLEAN -> e.asBoolean() == a.asBoolean();
                case TEXT, DATE -> e.asText().equals(a.asText());
                // Connect's Timestamp holds milliseconds; Toggl writes up to microseconds.
                case TIMESTAMPTZ -> OffsetDateTime.parse(e.asText()).toInstant().toEpochMilli() == a.asLong();
                case JSON -> Objects.equals(e, parse(a.asText()));
            };
            if (!same) {
                diffs.add(c.name() + ": expected " + e + ", landed " + a);
            }
        }
        if (expected.has("api_token") && landed.has("api_token")) {
            diffs.add("api_token landed");
        }
        return diffs;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception ex) {
            throw new AssertionError("landed JSON column is not JSON: " + text, ex);
        }
    }

    static String describe(Key k) {
        return k.account() + "/" + k.stream() + "/" + Arrays.asList(k.workspaceId(), k.id());
    }
}
