package dev.togglsync.cli;

import dev.togglsync.config.AdHocReplication;
import dev.togglsync.config.StreamNames;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Sling's ad-hoc flags of {@code run} (DESIGN.md §3): one replication without a file. Kept apart
 * from {@code run}'s own options; {@code --mode} is {@code run}'s and serves both.
 */
final class AdHocOptions {
    @Option(names = "--src-conn", paramLabel = "CONN", description = "Source connection (default TOGGL_TRACK).")
    String source;

    @Option(names = "--src-stream", split = ",", paramLabel = "STREAM", completionCandidates = StreamNames.class,
            description = "Stream(s) to replicate without a file: a name, a comma list or a glob (default '*').")
    List<String> streams;

    @Option(names = "--tgt-conn", paramLabel = "CONN", description = "Target: a connection name or a database URL.")
    String target;

    @Option(names = "--tgt-object", paramLabel = "OBJECT",
            description = "Target table, schema.table; templates {stream_name}, {source_name}, {run_timestamp}.")
    String object;

    @Option(names = "--select", split = ",", paramLabel = "COLUMN",
            description = "Columns to keep (or -column to drop), comma-separated.")
    List<String> select;

    @Option(names = "--primary-key", split = ",", paramLabel = "COLUMN", description = "Merge key column(s).")
    List<String> primaryKey;

    @Option(names = "--update-key", paramLabel = "COLUMN", description = "Cursor column of incremental mode (time_entries: at).")
    String updateKey;

    AdHocReplication flags(String mode) {
        return new AdHocReplication(Optional.ofNullable(source), orEmpty(streams), Optional.ofNullable(target),
                Optional.ofNullable(object), Optional.ofNullable(mode), orEmpty(select), orEmpty(primaryKey),
                Optional.ofNullable(updateKey));
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
