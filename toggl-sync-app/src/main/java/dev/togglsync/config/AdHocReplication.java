package dev.togglsync.config;

import java.util.List;
import java.util.Optional;

/**
 * Sling's ad-hoc flags of {@code run}, as typed: {@code --src-conn}, {@code --src-stream} (names,
 * a comma list, globs), {@code --tgt-conn}, {@code --tgt-object}, {@code --mode}, {@code --select},
 * {@code --primary-key}, {@code --update-key}. {@link Replication#adHoc} turns them into the plan
 * of the replication file they stand for:
 *
 * <pre>
 * source: SRC_CONN
 * target: TGT_CONN
 * defaults: { object: TGT_OBJECT, mode: MODE, select: [..], primary_key: [..], update_key: .. }
 * streams: { SRC_STREAM: }       # one empty entry per name or glob
 * </pre>
 */
public record AdHocReplication(
        Optional<String> source,
        List<String> streams,
        Optional<String> target,
        Optional<String> object,
        Optional<String> mode,
        List<String> select,
        List<String> primaryKey,
        Optional<String> updateKey) {
    public AdHocReplication {
        streams = List.copyOf(streams);
        select = List.copyOf(select);
        primaryKey = List.copyOf(primaryKey);
    }

    /** Whether any ad-hoc flag was given (then {@code run} plans from them, not from the default plan). */
    public boolean given() {
        return source.isPresent() || !streams.isEmpty() || target.isPresent() || object.isPresent()
                || !select.isEmpty() || !primaryKey.isEmpty() || updateKey.isPresent();
    }

    /** The flags given, as typed, for the message that refuses them beside {@code -r}. */
    public List<String> flagsGiven() {
        List<String> given = new java.util.ArrayList<>();
        source.ifPresent(v -> given.add("--src-conn"));
        if (!streams.isEmpty()) {
            given.add("--src-stream");
        }
        target.ifPresent(v -> given.add("--tgt-conn"));
        object.ifPresent(v -> given.add("--tgt-object"));
        if (!select.isEmpty()) {
            given.add("--select");
        }
        if (!primaryKey.isEmpty()) {
            given.add("--primary-key");
        }
        updateKey.ifPresent(v -> given.add("--update-key"));
        return given;
    }

    /** The settings the flags give every stream, as {@code defaults:} would; each names its flag. */
    StreamSettings settings() {
        return new StreamSettings(
                mode.map(m -> new StreamSettings.Setting<>(Replication.parseMode(m.strip(), "--mode"), Where.of("--mode")))
                        .orElse(null),
                object.map(o -> new StreamSettings.Setting<>(o.strip(), Where.of("--tgt-object"))).orElse(null),
                primaryKey.isEmpty() ? null : new StreamSettings.Setting<>(strip(primaryKey), Where.of("--primary-key")),
                updateKey.map(u -> new StreamSettings.Setting<>(u.strip(), Where.of("--update-key"))).orElse(null),
                select.isEmpty() ? null : new StreamSettings.Setting<>(selectColumns(), Where.of("--select")),
                null, null, null);
    }

    private List<String> selectColumns() {
        List<String> columns = strip(select);
        long excluded = columns.stream().filter(c -> c.startsWith("-")).count();
        if (excluded > 0 && excluded < columns.size()) {
            throw Where.of("--select").error("mixes kept columns and -excluded ones; list only the columns to keep,"
                    + " or only -columns to drop");
        }
        return columns;
    }

    private static List<String> strip(List<String> values) {
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
