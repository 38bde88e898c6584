package dev.togglsync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.simulator.Dataset;
import dev.togglsync.toggl.TogglStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The simulator's ground truth, the one copy every test compares with: what a complete read of a
 * stream must yield (JSON trees, exactly as served), and those records typed by the declared
 * schema, independently of the decoder under test: the value each column should hold.
 */
public final class GroundTruth {
    private GroundTruth() {}

    /**
     * The records the simulator serves for {@code stream}, every workspace's for the per-workspace
     * streams. Which time entries a read yields depends on its window (incremental since a cursor,
     * or a full refresh by start date), which only the caller knows: {@code timeEntries} gives them.
     */
    public static List<ObjectNode> records(Dataset d, TogglStream stream, Supplier<List<ObjectNode>> timeEntries) {
        return switch (stream) {
            case ME -> List.of(d.me());
            case WORKSPACES -> d.workspaces();
            case PROJECTS -> perWorkspace(d, Dataset::projects);
            case CLIENTS -> perWorkspace(d, Dataset::clients);
            case TAGS -> perWorkspace(d, Dataset::tags);
            case TASKS -> perWorkspace(d, Dataset::tasks);
            case WORKSPACE_USERS -> perWorkspace(d, Dataset::workspaceUsers);
            case TIME_ENTRIES -> timeEntries.get();
        };
    }

    private static List<ObjectNode> perWorkspace(Dataset d, BiFunction<Dataset, Long, List<ObjectNode>> list) {
        List<ObjectNode> all = new ArrayList<>();
        for (ObjectNode w : d.workspaces()) {
            all.addAll(list.apply(d, w.get("id").asLong()));
        }
        return all;
    }

    /** The records typed by {@code schema}, by id. */
    public static Map<Long, Map<String, Object>> byId(Collection<? extends JsonNode> records, TableSchema schema) {
        Map<Long, Map<String, Object>> out = new TreeMap<>();
        for (JsonNode r : records) {
            out.put(r.get("id").asLong(), typed((ObjectNode) r, schema));
        }
        return out;
    }

    /**
     * The value of each declared column as the decoder should produce it: timestamps as
     * {@link java.time.Instant}, JSON columns as their JSON text, absent and null fields as null.
     */
    public static Map<String, Object> typed(ObjectNode record, TableSchema schema) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Column c : schema.columns()) {
            JsonNode v = record.get(c.name());
            m.put(c.name(), v == null || v.isNull() ? null : switch (c.type()) {
                case BIGINT -> v.longValue();
                case DOUBLE -> v.doubleValue();
                case BOOLEAN -> v.booleanValue();
                case TEXT -> v.textValue();
                case TIMESTAMPTZ -> OffsetDateTime.parse(v.textValue()).toInstant();
                case DATE -> LocalDate.parse(v.textValue());
                case JSON -> v.toString();
            });
        }
        return m;
    }
}
