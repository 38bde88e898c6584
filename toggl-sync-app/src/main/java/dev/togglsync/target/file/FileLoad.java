package dev.togglsync.target.file;

import dev.togglsync.schema.Rescan;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Mode;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.LocalFiles;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.TableName;
import dev.togglsync.target.duckdb.AppenderWriter;
import dev.togglsync.target.duckdb.DuckDbDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * One stream's load into a file. Rows go through DuckDB's Appender into a table of a private
 * in-memory DuckDB database (which spills to disk past its memory limit, off the Java heap), typed
 * by the declared schema. At commit, the earlier copies of a key repeated within the load are
 * removed, DuckDB's {@code COPY (SELECT ...) TO} writes the file under a temporary name, the file is
 * flushed and renamed into place, and only then is the stream's state written to
 * {@value StateFile#NAME} (also renamed into place). Until the data file's rename nothing is
 * visible; without a commit, {@link #close()} deletes the temporary file and nothing changes.
 *
 * <p>A crash between the two renames leaves the new data with the old state: the next run reads
 * again from the old cursor, which for full-refresh and snapshot repeats the same work and for
 * incremental writes a part file that repeats the orphan part's rows; readers keep the latest copy
 * of each key (by {@code _toggl_sync_loaded_at}), so nothing is lost or counted twice.
 */
final class FileLoad implements StreamLoad {
    /** When the run added the rows: the last column of snapshot and incremental files. */
    static final String LOADED_AT = "_toggl_sync_loaded_at";
    private static final String ROWS = "rows";
    private static final DateTimeFormatter RUN_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy_MM_dd_HHmmss_SSSSSS").withZone(ZoneOffset.UTC);

    private static final System.Logger LOG = System.getLogger("dev.togglsync.target");

    private enum Status { OPEN, COMMITTED, FAILED, CLOSED }

    private final Path folder;
    private final FileObject object;
    private final LoadRequest request;
    private final StateFile state;
    private final Clock clock;
    private final String target;
    private final FolderLock lock;
    private final DuckDBConnection duck;
    private final DuckDbDialect dialect;
    private final AppenderWriter writer;
    private TableSchema schema;
    private long rows;
    private Path temporary;
    private Status status = Status.OPEN;

    private FileLoad(Path folder, FileObject object, LoadRequest request, StateFile state, Clock clock, String target,
            FolderLock lock, DuckDBConnection duck, String catalog) {
        this.folder = folder;
        this.object = object;
        this.request = request;
        this.state = state;
        this.clock = clock;
        this.target = target;
        this.lock = lock;
        this.duck = duck;
        this.dialect = new DuckDbDialect(catalog);
        this.writer = new AppenderWriter(duck, catalog);
        this.schema = request.schema();
    }

    /**
     * Opens the scratch database and its table; on failure releases the lock.
     *
     * @param lock the folder's lock, which the load owns from now on
     */
    static FileLoad start(Path folder, FileObject object, LoadRequest request, StateFile state, Clock clock,
            String target, FolderLock lock) {
        DuckDBConnection duck;
        String catalog;
        try {
            duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery("SELECT current_database()")) {
                r.next();
                catalog = r.getString(1);
            }
        } catch (SQLException e) {
            lock.close();
            throw TogglSyncException.target(target + ": " + object.stem() + ": cannot open DuckDB in memory: "
                    + e.getMessage(), e);
        }
        FileLoad load = new FileLoad(folder, object, request, state, clock, target, lock, duck, catalog);
        try {
            load.exec("SET TimeZone = 'UTC'");
            load.exec("CREATE TABLE " + load.rowsTable() + " (" + load.definitions(load.schema.columns()) + ")");
            load.writer.open(load.schema, Optional.of(new TableName("main", ROWS)));
        } catch (SQLException e) {
            TogglSyncException failed = load.failed("creating the scratch table", e);
            load.close();
            throw failed;
        }
        return load;
    }

    @Override
    public void schemaChanged(TableSchema grown) {
        requireOpen();
        if (grown.size() < schema.size() || !grown.columns().subList(0, schema.size()).equals(schema.columns())) {
            throw new IllegalArgumentException("schema of " + request.stream() + " may only grow: had " + schema
                    + ", got " + grown);
        }
        try {
            writer.finish();
            for (Column added : grown.columns().subList(schema.size(), grown.size())) {
                exec("ALTER TABLE " + rowsTable() + " ADD COLUMN " + definitions(List.of(added)));
            }
            schema = grown;
            writer.open(grown, Optional.of(new TableName("main", ROWS)));
        } catch (SQLException e) {
            throw failed("adding a column", e);
        }
    }

    @Override
    public void accept(Object[] row) {
        requireOpen();
        if (row.length > schema.size()) {
            throw new IllegalArgumentException("row of " + row.length + " values for " + request.stream()
                    + " whose schema has " + schema.size() + " columns; call schemaChanged first");
        }
        try {
            writer.write(rows + 1, row);
        } catch (SQLException e) {
            throw failed("writing rows", e);
        } catch (RuntimeException e) {
            status = Status.FAILED;
            throw e;
        }
        rows++;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void commit(StreamState newState, List<Rescan> rescans) {
        if (!rescans.isEmpty()) {
            // A file written earlier is never rewritten, so a rescan's deletes cannot be marked in it.
            LOG.log(System.Logger.Level.WARNING, () -> object.stem() + ": entries deleted in Toggl are not marked"
                    + " in files (_toggl_sync_deleted_at needs a database target); " + rescans.size() + " rescanned range(s)");
        }
        requireOpen();
        String doing = "writing rows";
        try {
            writer.finish();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            doing = "removing earlier copies of keys repeated within the load";
            keepLastCopies();
            Path file = destination(now);
            Files.createDirectories(file.getParent());
            AtomicFiles.removeLeftovers(file);
            temporary = AtomicFiles.temporaryFor(file);
            doing = "writing " + temporary.getFileName();
            // Created 0600 before COPY fills it. USE_TMP_FILE false: DuckDB would otherwise write an
            // existing file's replacement to a file of its own (mode 0644, a name removeLeftovers does
            // not know) and rename that over it; this temporary name already makes the write atomic.
            // Tightened after too, in case a DuckDB version replaces the file anyway.
            LocalFiles.createPrivate(temporary);
            long copyStart = System.nanoTime();
            exec("COPY (SELECT " + selectList(now) + " FROM " + rowsTable() + ") TO " + literal(temporary.toString())
                    + " (" + object.format().copyOptions() + ", USE_TMP_FILE false)");
            long copyMillis = (System.nanoTime() - copyStart) / 1_000_000;
            LOG.log(System.Logger.Level.DEBUG, () -> object.stem() + ": COPY of " + rows + " rows to "
                    + object.format().extension() + " took " + copyMillis + " ms");
            LocalFiles.makePrivate(temporary);
            doing = "renaming " + temporary.getFileName() + " into place";
            AtomicFiles.moveIntoPlace(temporary, file);
            temporary = null;
            doing = "writing the state file";
            state.write(request.connection(), request.stream(), newState, now);
            status = Status.COMMITTED;
        } catch (SQLException e) {
            throw failed(doing, e);
        } catch (IOException e) {
            status = Status.FAILED;
            throw TogglSyncException.target(target + ": " + object.stem() + ": " + doing + ": " + e, e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (status == Status.CLOSED) {
            return;
        }
        if (status != Status.COMMITTED) {
            writer.discard();
        }
        status = Status.CLOSED;
        try {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            // The next load of this object removes it (AtomicFiles.removeLeftovers).
        }
        try {
            duck.close();
        } catch (SQLException e) {
            // An in-memory database: nothing to keep.
        }
        lock.close();
    }

    /** Where this load's file goes: the stream's file, or a new file per run (the mode's switch). */
    private Path destination(Instant now) {
        String ts = RUN_TIMESTAMP.format(now);
        Path file = switch (request.mode()) {
            case FULL_REFRESH -> object.file(folder);
            case SNAPSHOT -> object.runFile(folder, "snapshot", ts);
            case INCREMENTAL -> object.runFile(folder, "part", ts);
            case TRUNCATE -> throw new IllegalStateException("mode truncate is refused when the load begins");
        };
        // Two runs within one clock tick (a fixed test clock) must not overwrite each other's file.
        for (int n = 2; request.mode() != Mode.FULL_REFRESH && Files.exists(file); n++) {
            file = request.mode() == Mode.SNAPSHOT ? object.runFile(folder, "snapshot", ts + "-" + n)
                    : object.runFile(folder, "part", ts + "-" + n);
        }
        return file;
    }

    /** Keeps the last copy of each key, as every database target does; only when some key repeats. */
    private void keepLastCopies() throws SQLException {
        List<String> key = request.primaryKey();
        if (key.isEmpty()) {
            return;
        }
        String keys = key.stream().map(dialect::quote).collect(Collectors.joining(", "));
        boolean repeated;
        try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery("SELECT 1 FROM " + rowsTable()
                + " GROUP BY " + keys + " HAVING count(*) > 1 LIMIT 1")) {
            repeated = r.next();
        }
        if (repeated) {
            String match = key.stream().map(k -> "d." + dialect.quote(k) + " = s." + dialect.quote(k))
                    .collect(Collectors.joining(" AND "));
            exec("DELETE FROM " + rowsTable() + " AS s WHERE EXISTS (SELECT 1 FROM " + rowsTable() + " AS d WHERE "
                    + match + " AND d.rowid > s.rowid)");
        }
    }

    private String selectList(Instant now) {
        List<String> columns = new ArrayList<>();
        for (Column c : schema.columns()) {
            columns.add(object.format().select(dialect.quote(c.name()), c.type()));
        }
        switch (request.mode()) {
            case SNAPSHOT, INCREMENTAL -> columns.add("CAST(" + literal(now.toString()) + " AS "
                    + dialect.typeName(ColumnType.TIMESTAMPTZ) + ") AS " + dialect.quote(LOADED_AT));
            case FULL_REFRESH, TRUNCATE -> { }
        }
        return String.join(", ", columns);
    }

    private String rowsTable() {
        return dialect.qualified(new TableName("main", ROWS));
    }

    private String definitions(List<Column> columns) {
        return columns.stream().map(c -> dialect.quote(c.name()) + " " + dialect.typeName(c.type()))
                .collect(Collectors.joining(", "));
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = duck.createStatement()) {
            s.execute(sql);
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private void requireOpen() {
        if (status != Status.OPEN) {
            throw new IllegalStateException("the load of " + object.stem() + " is " + status.name().toLowerCase());
        }
    }

    private TogglSyncException failed(String doing, SQLException e) {
        status = Status.FAILED;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        return TogglSyncException.target(target + ": " + object.stem() + ": " + doing + ": " + message, e);
    }
}
