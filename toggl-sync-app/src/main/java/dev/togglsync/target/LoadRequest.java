package dev.togglsync.target;

import dev.togglsync.config.Mode;
import dev.togglsync.schema.TableSchema;
import java.util.List;

/**
 * What one stream's load needs to know.
 *
 * @param table where the rows go
 * @param schema the declared columns (rows may later grow it through {@code schemaChanged})
 * @param mode how rows replace, merge with or append to the table
 * @param primaryKey merge key for incremental mode
 * @param connection the source connection name, half of the state key
 * @param stream the stream name, the other half of the state key
 */
public record LoadRequest(
        TableName table, TableSchema schema, Mode mode, List<String> primaryKey, String connection, String stream) {
    public LoadRequest {
        primaryKey = List.copyOf(primaryKey);
    }
}
