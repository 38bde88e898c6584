package dev.togglsync.target.file;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.FileConnection;
import dev.togglsync.config.Mode;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StoredState;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.Target;
import dev.togglsync.target.WriteProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A folder of files, one per stream (DESIGN.md §2): Parquet, CSV or JSON lines by the object's
 * extension ({@link FileObject}), written by the embedded DuckDB's {@code COPY ... TO} ({@link FileLoad}).
 * Modes: full-refresh replaces the stream's file; snapshot adds {@code stem/snapshot-<run>.ext} per
 * run, incremental {@code stem/part-<run>.ext} holding the rows read this run, both with a column
 * {@value FileLoad#LOADED_AT}; truncate, which keeps a table object, has no meaning for a file and
 * is refused. State lives in {@value StateFile#NAME} in the folder; one load at a time per folder
 * ({@link FolderLock}). Nothing is created before the first load begins.
 */
public final class FileTarget implements Target {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

    private final Path folder;
    private final String describe;
    private final StateFile state;
    private final Clock clock;
    private final Duration lockTimeout;

    /** @param clock the run's clock: names the run's files and stamps state and loaded rows */
    public FileTarget(FileConnection config, Clock clock) {
        this(config, DEFAULT_LOCK_TIMEOUT, clock);
    }

    /** @param lockTimeout how long a load waits for another run's lock on the folder */
    public FileTarget(FileConnection config, Duration lockTimeout, Clock clock) {
        this.folder = config.folder().toAbsolutePath().normalize();
        this.describe = "file://" + folder + "/";
        this.state = new StateFile(folder, describe);
        this.clock = clock;
        this.lockTimeout = lockTimeout;
    }

    @Override
    public StreamLoad begin(LoadRequest request) {
        if (request.mode() == Mode.TRUNCATE) {
            throw TogglSyncException.invalidInput(describe + ": " + request.table() + ": mode truncate keeps a"
                    + " database table object, which a file does not have; use full-refresh, which replaces the file");
        }
        if (request.mode() == Mode.INCREMENTAL && request.primaryKey().isEmpty()) {
            throw TogglSyncException.invalidInput(describe + ": " + request.table()
                    + ": mode incremental needs a primary_key for stream " + request.stream());
        }
        FileObject object = FileObject.of(request.table(), folder, describe);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw TogglSyncException.target(describe + ": cannot create the folder: " + e, e);
        }
        FolderLock lock = FolderLock.acquire(folder, lockTimeout, describe);
        return FileLoad.start(folder, object, request, state, clock, describe, lock);
    }

    @Override
    public Optional<StreamState> state(String connection, String stream) {
        return state.read(connection, stream);
    }

    @Override
    public List<StoredState> states() {
        return state.readAll();
    }

    @Override
    public boolean resetState(String connection, String stream) {
        return state.delete(connection, stream);
    }

    /**
     * Creates the folder when missing, writes a small Parquet file through DuckDB and deletes it.
     *
     * @param schema not used: files have no schemas
     * @return the probe file's folder
     */
    @Override
    public WriteProbe checkWritable(String schema) {
        Path probe = folder.resolve("_toggl_sync_write_check-" + UUID.randomUUID() + ".parquet");
        try {
            Files.createDirectories(folder);
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
                s.execute("COPY (SELECT 1::BIGINT AS id) TO '" + probe.toString().replace("'", "''")
                        + "' (FORMAT parquet)");
            }
            Files.delete(probe);
            return WriteProbe.fileIn(folder.toString());
        } catch (IOException | SQLException e) {
            throw TogglSyncException.target(describe + ": cannot write a file in the folder: " + e.getMessage()
                    + "; check that it exists or can be created, and that it is writable", e);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // Reported above when it matters.
            }
        }
    }

    @Override
    public String describe() {
        return describe;
    }

    /** Every load releases what it holds itself. */
    @Override
    public void close() {}
}
