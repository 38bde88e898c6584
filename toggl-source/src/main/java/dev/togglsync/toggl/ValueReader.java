package dev.togglsync.toggl;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Reads the JSON value the parser stands on into the Java class of a column type (see
 * {@link dev.togglsync.schema.ColumnType}); {@link Converters} builds one per column.
 */
@FunctionalInterface
interface ValueReader {
    Object read(JsonParser p) throws IOException;
}
