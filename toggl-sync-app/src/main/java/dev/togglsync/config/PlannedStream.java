package dev.togglsync.config;

import dev.togglsync.schema.StreamSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One stream of a run plan with its settings resolved (explicit entry, else glob, else {@code '*'},
 * over {@code defaults}, over the built-in defaults).
 *
 * @param object the target table, {@code table} or {@code schema.table}, templates already filled in
 * @param primaryKey the merge key (the stream's declared key unless the file names one)
 * @param updateKey the cursor column; for incremental streams defaults to the stream's cursor field
 * @param select columns as written: names to keep, or {@code -name}s to drop; empty = all columns
 */
public record PlannedStream(
        StreamSpec spec,
        Mode mode,
        String object,
        List<String> primaryKey,
        Optional<String> updateKey,
        List<String> select,
        Map<String, Object> sourceOptions,
        Map<String, Object> targetOptions) {
    public PlannedStream {
        primaryKey = List.copyOf(primaryKey);
        select = List.copyOf(select);
        sourceOptions = Collections.unmodifiableMap(new LinkedHashMap<>(sourceOptions));
        targetOptions = Collections.unmodifiableMap(new LinkedHashMap<>(targetOptions));
    }

    public String name() {
        return spec.name();
    }

    /** Which columns end up in the table ({@link #select} as a value). */
    public Selection selection() {
        return Selection.of(select);
    }

    /** Whether {@code column} ends up in the table, given {@link #select}. */
    public boolean selects(String column) {
        return selection().keeps(column);
    }

    /** Names the stream instead of printing its whole declared schema. */
    @Override
    public String toString() {
        return "PlannedStream[" + name() + ", mode=" + mode + ", object=" + object + ", primaryKey=" + primaryKey
                + ", updateKey=" + updateKey.orElse("-") + ", select=" + select + ", sourceOptions=" + sourceOptions
                + ", targetOptions=" + targetOptions + "]";
    }

    PlannedStream withMode(Mode newMode) {
        Optional<String> key = updateKey.isEmpty() && newMode == Mode.INCREMENTAL ? spec.cursorField() : updateKey;
        return new PlannedStream(spec, newMode, object, primaryKey, key, select, sourceOptions, targetOptions);
    }
}
