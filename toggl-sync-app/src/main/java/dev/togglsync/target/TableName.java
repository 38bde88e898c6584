package dev.togglsync.target;

import java.util.Objects;

/**
 * A resolved target object: schema (may be empty for the database's default) and table. Names are
 * kept exactly as configured; each target quotes them as identifiers, so quotes, dots or semicolons
 * in a name can never escape into SQL.
 */
public record TableName(String schema, String table) {
    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        if (table.isEmpty()) {
            throw new IllegalArgumentException("empty table name");
        }
    }

    /** Parses {@code schema.table} or {@code table}; the first dot separates schema from table. */
    public static TableName parse(String object) {
        int dot = object.indexOf('.');
        return dot < 0 ? new TableName("", object) : new TableName(object.substring(0, dot), object.substring(dot + 1));
    }

    @Override
    public String toString() {
        return schema.isEmpty() ? table : schema + "." + table;
    }
}
