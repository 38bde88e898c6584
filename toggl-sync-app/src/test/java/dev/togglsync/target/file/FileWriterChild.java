package dev.togglsync.target.file;

import dev.togglsync.config.FileConnection;
import dev.togglsync.config.Mode;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.TableName;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * FileCrashIT's child: full-refreshes {@code items.EXT} in FOLDER over and over, load k holding
 * {@code ROWS + k} rows, each row's {@code load} column = k, so that a file read back names the
 * one load it came from and must hold exactly that load's row count. Prints "load k" after each commit.
 * With LOADS, exits after that many loads (so a caller can wait for it instead of killing it mid-load).
 *
 * <p>Usage: {@code FileWriterChild FOLDER EXT ROWS [LOADS]}
 */
public final class FileWriterChild {
    static final TableSchema SCHEMA = TableSchema.of(new Column("id", ColumnType.BIGINT),
            new Column("load", ColumnType.BIGINT), new Column("name", ColumnType.TEXT), new Column("at", ColumnType.TIMESTAMPTZ));

    private FileWriterChild() {}

    public static void main(String[] args) {
        Path folder = Path.of(args[0]);
        String ext = args[1];
        int rows = Integer.parseInt(args[2]);
        long loads = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
        FileTarget target = new FileTarget(new FileConnection("CRASH", folder), Clock.systemUTC());
        System.out.println("started");
        for (long k = 1; k <= loads; k++) {
            try (StreamLoad load = target.begin(new LoadRequest(TableName.parse("items." + ext), SCHEMA,
                    Mode.FULL_REFRESH, List.of("id"), "TOGGL", "items"))) {
                for (long i = 0; i < rows + k; i++) {
                    load.accept(new Object[] {i, k, "row " + i + " of load " + k, Instant.ofEpochSecond(1_700_000_000L + i)});
                }
                load.commit(new StreamState(Optional.empty(), Instant.now(), rows + k));
            }
            System.out.println("load " + k);
        }
    }
}
