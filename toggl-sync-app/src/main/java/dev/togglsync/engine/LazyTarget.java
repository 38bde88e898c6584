package dev.togglsync.engine;

import dev.togglsync.config.Connection;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.FileConnection;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.config.SqliteConnection;
import dev.togglsync.target.LocalFiles;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StoredState;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.Target;
import dev.togglsync.target.WriteProbe;
import dev.togglsync.target.duckdb.DuckDbTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A run's target, opened only when something must be written (DESIGN.md §6: nothing is created
 * before the token is known to work). Until then a DuckDB file that does not exist is not created:
 * it has no state to read. {@link #checkFile()} and {@link #checkServer()} are the read-only checks a run makes before its
 * first request, so that an unreachable database fails at once instead of after the reading.
 */
final class LazyTarget implements Target {
    private final Connection connection;
    private final Clock clock;
    private Target opened;

    LazyTarget(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /**
     * A file-based target: a DuckDB file opened read-only when it exists; a DuckDB or SQLite file or a
     * folder of files that does not exist yet needs a writable folder above it. Creates nothing.
     * Throws like opening the file always did: the run cannot start.
     */
    void checkFile() {
        if (connection instanceof DuckDbConnection duck) {
            DuckDbTarget.checkReachable(duck);
        } else if (missingFile()) {
            LocalFiles.requireCreatable(localPath().orElseThrow(), StateTargets.describe(connection),
                    connection instanceof FileConnection ? "the folder" : "the database file");
        }
    }

    /** A database server: connects and reads the state table, if any; creates nothing. */
    void checkServer() {
        if (connection instanceof PostgresConnection) {
            open().states();
        }
    }

    /** Where a file-based target lives; empty for a database server. */
    private Optional<Path> localPath() {
        if (connection instanceof DuckDbConnection d) {
            return Optional.of(d.path());
        }
        if (connection instanceof SqliteConnection s) {
            return Optional.of(s.path());
        }
        if (connection instanceof FileConnection f) {
            return Optional.of(f.folder());
        }
        return Optional.empty();
    }

    /** A file-based target not created yet: no state to read, and nothing to create before a write. */
    private boolean missingFile() {
        return opened == null && localPath().filter(p -> !Files.exists(p)).isPresent();
    }

    private Target open() {
        if (opened == null) {
            opened = Targets.open(connection, clock);
        }
        return opened;
    }

    @Override
    public StreamLoad begin(LoadRequest request) {
        return open().begin(request);
    }

    /** Only a target already opened can have loaded the table in this process. */
    @Override
    public boolean commitWithoutRows(LoadRequest request, StreamState state) {
        return opened != null && opened.commitWithoutRows(request, state);
    }

    @Override
    public Optional<StreamState> state(String source, String stream) {
        return missingFile() ? Optional.empty() : open().state(source, stream);
    }

    @Override
    public List<StoredState> states() {
        return missingFile() ? List.of() : open().states();
    }

    @Override
    public boolean resetState(String source, String stream) {
        return !missingFile() && open().resetState(source, stream);
    }

    @Override
    public WriteProbe checkWritable(String schema) {
        return open().checkWritable(schema);
    }

    @Override
    public String describe() {
        return StateTargets.describe(connection);
    }

    @Override
    public void close() {
        if (opened != null) {
            opened.close();
        }
    }
}
