package dev.togglsync.config;

import dev.togglsync.schema.Column;
import dev.togglsync.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A stream's {@code select} list, checked: names keep only those columns, {@code -name}s drop
 * them, never both. With only exclusions, columns the API adds later pass through; with inclusions
 * they are dropped. Built by {@link StreamRules}, which has already checked every name.
 */
public record Selection(Set<String> include, Set<String> exclude) {
    public static final Selection ALL = new Selection(Set.of(), Set.of());

    public Selection {
        include = Set.copyOf(include);
        exclude = Set.copyOf(exclude);
    }

    /** The selection a {@code select} list as written stands for ({@code [id, at]} or {@code [-tags]}). */
    static Selection of(List<String> select) {
        Set<String> include = new LinkedHashSet<>();
        Set<String> exclude = new LinkedHashSet<>();
        for (String entry : select) {
            if (entry.startsWith("-")) {
                exclude.add(entry.substring(1).strip());
            } else {
                include.add(entry.strip());
            }
        }
        return new Selection(include, exclude);
    }

    public boolean isAll() {
        return include.isEmpty() && exclude.isEmpty();
    }

    public boolean keeps(String column) {
        return include.isEmpty() ? !exclude.contains(column) : include.contains(column);
    }

    /** The columns of {@code schema} this selection keeps, in schema order. */
    public TableSchema apply(TableSchema schema) {
        List<Column> kept = new ArrayList<>();
        for (Column c : schema.columns()) {
            if (keeps(c.name())) {
                kept.add(c);
            }
        }
        return new TableSchema(kept);
    }
}
