package dev.togglsync.schema;

/**
 * Where a source pushes a stream's typed rows, one at a time, in the order read. Values follow
 * {@link ColumnType}'s Java classes. When a record carries a field the current schema lacks, the
 * source first calls {@link #schemaChanged} with the grown schema (old columns first, in the same
 * order), then sends rows of the new width.
 */
public interface RowSink {
    void schemaChanged(TableSchema schema);

    void accept(Object[] row);
}
