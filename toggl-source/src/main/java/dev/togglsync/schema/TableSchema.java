package dev.togglsync.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered columns of a stream's table. Rows are {@code Object[]} aligned with
 * {@link #columns()}. A schema only grows: a field the API adds later is appended with
 * {@link #with(Column)}, so a row built for an older schema is a prefix of a newer one.
 */
public final class TableSchema {
    private final List<Column> columns;
    private final Map<String, Integer> index;

    public TableSchema(List<Column> columns) {
        this.columns = List.copyOf(columns);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < this.columns.size(); i++) {
            if (idx.put(this.columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate column " + this.columns.get(i).name());
            }
        }
        this.index = Collections.unmodifiableMap(idx);
    }

    public static TableSchema of(Column... columns) {
        return new TableSchema(List.of(columns));
    }

    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    public Column column(int i) {
        return columns.get(i);
    }

    /** The position of the named column, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public Optional<Column> find(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(columns.get(i));
    }

    /** This schema with {@code column} appended at the end. */
    public TableSchema with(Column column) {
        List<Column> more = new ArrayList<>(columns);
        more.add(column);
        return new TableSchema(more);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableSchema t && t.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return columns.toString();
    }
}
