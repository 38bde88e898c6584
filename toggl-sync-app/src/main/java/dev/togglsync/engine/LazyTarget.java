package dev.togglsync.engine;

import dev.togglsync.config.Connection;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StoredState;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.Target;
import dev.togglsync.target.duckdb.DuckDbTarget;
import java.nio.file.Files;
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
     * A DuckDB file: opened read-only when it exists, else its folder checked; creates nothing.
     * Throws like opening the file always did: the run cannot start.
     */
    void checkFile() {
        if (connection instanceof DuckDbConnection duck) {
            DuckDbTarget.checkReachable(duck);
        }
    }

    /** A database server: connects and reads the state table, if any; creates nothing. */
    void checkServer() {
        if (connection instanceof PostgresConnection) {
            open().states();
        }
    }

    private boolean missingFile() {
        return opened == null && connection instanceof DuckDbConnection d && !Files.exists(d.path());
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
    public String checkWritable(String schema) {
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
