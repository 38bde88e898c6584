package dev.togglsync.schema;

import java.util.List;
import java.util.Optional;

/**
 * A stream's declared shape: its table columns (from ../shared/toggl-api.md §4, not guessed from
 * a sample), its primary key and what it depends on.
 *
 * @param name the stream name as written in replication YAML
 * @param description one line for {@code conns discover}
 * @param dependsOn the stream that must be read first, if any
 * @param incremental whether the API can return only what changed (else incremental = read whole, upsert)
 * @param cursorField the field whose maximum becomes the cursor, for incremental streams
 * @param primaryKey the default merge key
 * @param schema the declared columns, in the API's field order
 */
public record StreamSpec(
        String name,
        String description,
        Optional<String> dependsOn,
        boolean incremental,
        Optional<String> cursorField,
        List<String> primaryKey,
        TableSchema schema) {
    public StreamSpec {
        primaryKey = List.copyOf(primaryKey);
    }
}
