package dev.togglsync.engine;

import dev.togglsync.TogglSyncException;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stream's {@code select} list: names keep only those columns, {@code -name} drops one. With only
 * exclusions, columns the API adds later pass through; with inclusions they are dropped.
 */
record ColumnSelection(Set<String> include, Set<String> exclude) {
    static final ColumnSelection ALL = new ColumnSelection(Set.of(), Set.of());

    /**
     * Parses a select list against the declared schema. {@code where} names the YAML key for messages
     * (e.g. {@code streams.projects.select}).
     */
    static ColumnSelection parse(List<String> select, TableSchema declared, List<String> primaryKey, String where) {
        Set<String> include = new LinkedHashSet<>();
        Set<String> exclude = new LinkedHashSet<>();
        for (String entry : select) {
            boolean minus = entry.startsWith("-");
            String name = minus ? entry.substring(1).trim() : entry.trim();
            if (declared.indexOf(name) < 0) {
                throw TogglSyncException.invalidInput(where + ": unknown column '" + name + "'; available: "
                        + declared.columns().stream().map(Column::name).collect(Collectors.joining(", ")));
            }
            (minus ? exclude : include).add(name);
        }
        if (!include.isEmpty() && !exclude.isEmpty()) {
            throw TogglSyncException.invalidInput(
                    where + ": mixes kept and excluded (-name) columns; list either the columns to keep or those to drop");
        }
        ColumnSelection selection = new ColumnSelection(Set.copyOf(include), Set.copyOf(exclude));
        for (String key : primaryKey) {
            if (!selection.keeps(key)) {
                throw TogglSyncException.invalidInput(where + ": primary key column '" + key
                        + "' must be selected (rows are merged and de-duplicated on it)");
            }
        }
        return selection;
    }

    boolean isAll() {
        return include.isEmpty() && exclude.isEmpty();
    }

    boolean keeps(String column) {
        return include.isEmpty() ? !exclude.contains(column) : include.contains(column);
    }

    TableSchema apply(TableSchema schema) {
        List<Column> kept = new ArrayList<>();
        for (Column c : schema.columns()) {
            if (keeps(c.name())) {
                kept.add(c);
            }
        }
        return new TableSchema(kept);
    }
}
