package dev.togglsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The stream keys of one replication entry ({@code defaults}, {@code '*'}, a glob or a stream),
 * each remembering where it was written so that a later check can name the place. A null field
 * was not given at this level.
 */
record StreamSettings(
        Setting<Mode> mode,
        Setting<String> object,
        Setting<List<String>> primaryKey,
        Setting<String> updateKey,
        Setting<List<String>> select,
        Setting<Boolean> disabled,
        Setting<JsonNode> sourceOptions,
        Setting<JsonNode> targetOptions) {
    static final List<String> KEYS = List.of(
            "mode", "object", "primary_key", "update_key", "select", "disabled", "source_options", "target_options");
    static final StreamSettings NONE = new StreamSettings(null, null, null, null, null, null, null, null);

    record Setting<T>(T value, Where where) {}

    /** An entry's settings; an empty value ({@code time_entries:}) has none. */
    static StreamSettings parse(JsonNode node, Where where) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        Nodes.requireMap(node, where, "{ mode: incremental, primary_key: [id] }");
        Nodes.checkKeys(node, where, KEYS);
        return new StreamSettings(
                get(node, "mode", where, (n, w) -> Replication.parseMode(Nodes.text(n, w, "mode: full-refresh"), w.toString())),
                get(node, "object", where, (n, w) -> object(n, w)),
                get(node, "primary_key", where, (n, w) -> Nodes.textList(n, w, "primary_key: [id]")),
                get(node, "update_key", where, (n, w) -> Nodes.text(n, w, "update_key: at")),
                get(node, "select", where, StreamSettings::select),
                get(node, "disabled", where, Nodes::bool),
                get(node, "source_options", where, StreamSettings::options),
                get(node, "target_options", where, StreamSettings::options));
    }

    /** These settings with {@code top}'s given keys winning. */
    StreamSettings under(StreamSettings top) {
        return new StreamSettings(
                pick(top.mode, mode), pick(top.object, object), pick(top.primaryKey, primaryKey),
                pick(top.updateKey, updateKey), pick(top.select, select), pick(top.disabled, disabled),
                pick(top.sourceOptions, sourceOptions), pick(top.targetOptions, targetOptions));
    }

    private interface Reader<T> {
        T read(JsonNode node, Where where);
    }

    private static <T> Setting<T> get(JsonNode map, String key, Where where, Reader<T> reader) {
        Where at = where.key(key);
        return Nodes.field(map, key).map(n -> new Setting<>(reader.read(n, at), at)).orElse(null);
    }

    private static <T> Setting<T> pick(Setting<T> top, Setting<T> below) {
        return top != null ? top : below;
    }

    private static String object(JsonNode node, Where where) {
        if (node.isObject()) {
            // `object: {stream_name}` is a YAML map, not a template: the most likely slip of all.
            throw where.error("is a YAML map; quote a template that starts with '{' (example: object: '{stream_name}')");
        }
        return Nodes.text(node, where, "object: toggl.{stream_name}");
    }

    static List<String> select(JsonNode node, Where where) {
        List<String> columns = Nodes.textList(node, where, "select: [id, description] or select: [-tags]");
        long excluded = columns.stream().filter(c -> c.startsWith("-")).count();
        if (excluded > 0 && excluded < columns.size()) {
            throw where.error("mixes kept columns and -excluded ones; list only the columns to keep, or only -columns to drop");
        }
        return columns;
    }

    /** Kept as written; {@link StreamOptions} reads them for the stream they end up configuring. */
    private static JsonNode options(JsonNode node, Where where) {
        return Nodes.requireMap(node, where, "{ add_new_columns: false }");
    }
}
