package dev.togglsync.schema;

import java.util.Objects;

/** One column of a stream's table: the API's field name and its declared type. */
public record Column(String name, ColumnType type) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
