package dev.togglsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A stream's {@code source_options} and {@code target_options}, typed and checked (DESIGN.md §3:
 * nothing is accepted that is then ignored). Each key here changes what a run does, and each is
 * documented in docs/replication.md:
 *
 * <ul>
 *   <li>{@code source_options.workspace_ids: [123, 456]}: only the rows of these workspaces reach the
 *       table (by the stream's {@code workspace_id} column, or {@code wid}). The stream is still read whole: to send
 *       fewer requests, set the connection's {@code inputs.workspace_ids} instead.
 *   <li>{@code target_options.add_new_columns: false}: the table keeps the stream's declared columns;
 *       a field the API adds later is dropped instead of becoming a new column (default {@code true}).
 *   <li>{@code target_options.column_casing: source | snake}: Sling's key; Toggl sends snake_case
 *       names, so both keep the names as sent. Other casings are refused rather than ignored.
 * </ul>
 *
 * @param workspaceIds empty = every workspace
 */
public record StreamOptions(Optional<Set<Long>> workspaceIds, boolean addNewColumns, ColumnCasing columnCasing) {
    public static final StreamOptions DEFAULTS = new StreamOptions(Optional.empty(), true, ColumnCasing.SOURCE);
    static final List<String> SOURCE_KEYS = List.of("workspace_ids");
    static final List<String> TARGET_KEYS = List.of("add_new_columns", "column_casing");
    /** The columns {@code workspace_ids} filters by, the first a stream has (clients and tags say {@code wid}). */
    static final List<String> WORKSPACE_COLUMNS = List.of("workspace_id", "wid");

    /** Where a row of {@code schema} names its workspace; -1 when it does not. */
    public static int workspaceColumn(TableSchema schema) {
        for (String name : WORKSPACE_COLUMNS) {
            int i = schema.indexOf(name);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    public StreamOptions {
        workspaceIds = workspaceIds.map(Set::copyOf);
    }

    /** Sling's {@code column_casing} values that mean something for Toggl's snake_case fields. */
    public enum ColumnCasing {
        SOURCE("source"),
        SNAKE("snake");

        private final String yamlName;

        ColumnCasing(String yamlName) {
            this.yamlName = yamlName;
        }

        @Override
        public String toString() {
            return yamlName;
        }
    }

    /**
     * The options of one stream from its chosen entry's {@code source_options} and
     * {@code target_options} (either may be null: not given).
     */
    static StreamOptions parse(StreamSpec spec, StreamSettings.Setting<JsonNode> source, StreamSettings.Setting<JsonNode> target) {
        Optional<Set<Long>> workspaceIds = Optional.empty();
        if (source != null) {
            Nodes.checkKeys(source.value(), source.where(), SOURCE_KEYS);
            JsonNode ids = source.value().get("workspace_ids");
            if (ids != null && !ids.isNull()) {
                Where at = source.where().key("workspace_ids");
                if (workspaceColumn(spec.schema()) < 0) {
                    throw at.error(spec.name() + " has no workspace_id column to filter by; use the"
                            + " connection's inputs.workspace_ids to read fewer workspaces");
                }
                workspaceIds = Optional.of(Set.copyOf(ids(ids, at)));
            }
        }
        boolean addNewColumns = true;
        ColumnCasing casing = ColumnCasing.SOURCE;
        if (target != null) {
            Nodes.checkKeys(target.value(), target.where(), TARGET_KEYS);
            JsonNode add = target.value().get("add_new_columns");
            if (add != null && !add.isNull()) {
                addNewColumns = Nodes.bool(add, target.where().key("add_new_columns"));
            }
            JsonNode c = target.value().get("column_casing");
            if (c != null && !c.isNull()) {
                casing = casing(Nodes.text(c, target.where().key("column_casing"), "column_casing: source"),
                        target.where().key("column_casing"));
            }
        }
        return new StreamOptions(workspaceIds, addNewColumns, casing);
    }

    private static List<Long> ids(JsonNode node, Where where) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode n = items.get(i);
            if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() <= 0) {
                throw (node.isArray() ? where.index(i) : where).error("must be a workspace id (a positive whole number),"
                        + " not " + Nodes.kind(n) + " (example: workspace_ids: [1234567])");
            }
            ids.add(n.asLong());
        }
        if (ids.isEmpty()) {
            throw where.error("is empty; list at least one workspace id, or leave the key out for every workspace");
        }
        return ids;
    }

    private static ColumnCasing casing(String value, Where where) {
        for (ColumnCasing c : ColumnCasing.values()) {
            if (c.yamlName.equals(value)) {
                return c;
            }
        }
        List<String> names = List.of("source", "snake");
        throw where.error("'" + value + "' is not supported" + Suggest.didYouMean(value, names) + "; Toggl's fields are"
                + " snake_case already, so toggl-sync keeps them as sent: use one of: " + String.join(", ", names));
    }
}
