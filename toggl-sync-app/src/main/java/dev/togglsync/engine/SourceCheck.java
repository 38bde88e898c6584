package dev.togglsync.engine;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.http.HttpListener;
import dev.togglsync.http.QuotaExhaustedException;
import dev.togglsync.http.Sleeper;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.toggl.TogglStream;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.toggl.ReadRequest;
import dev.togglsync.toggl.SourceOptions;
import dev.togglsync.toggl.StreamResult;
import dev.togglsync.toggl.TogglSource;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The check of a Toggl source behind {@code conns test}: authenticates, then reads a little of each
 * stream through the real source, so that what is checked is exactly what a run would send.
 *
 * <p>Small on purpose, as the user-level quota is 30 requests an hour: each stream stops after
 * {@value StreamCheck#RECORDS} records (the sink throws, which ends the read in the middle of the
 * body), and sends at most 2 requests. For that, the workspace streams read through a second source limited
 * to one workspace, the user's default one (or the first of {@code inputs.workspace_ids}): its
 * {@code /me/workspaces} plus one page. A first page holds 200 records, so no stream asks for a
 * second one. The source's retries and quota waits can take minutes; a test does not wait them out
 * but reports the first one as the stream's failure.
 */
final class SourceCheck {
    /** Waits up to this long are pacing (the connection's rate); longer announced ones end the check. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

    private final TogglConnection connection;
    private final SourceOptions options;

    SourceCheck(TogglConnection connection, SourceOptions base) {
        this.connection = connection;
        NoLongWaits noLongWaits = new NoLongWaits(base.sleeper());
        this.options = base.withSleeper(noLongWaits).withListener(noLongWaits);
    }

    /**
     * Checks {@code streams} in dependency order, telling {@code each} as each is done. Refused
     * credentials and an exhausted quota end the check at once with their exception.
     */
    void run(List<StreamSpec> streams, Consumer<StreamCheck> each) {
        try (TogglSource whole = new TogglSource(connection.account(), options)) {
            // Always first: it authenticates, and names the default workspace.
            DefaultWorkspace me = new DefaultWorkspace();
            StreamCheck meCheck = check(whole, TogglStream.ME.spec(), me);
            if (!meCheck.ok()) {
                throw TogglSyncException.streamFailed("connection " + connection.name()
                        + ": cannot read /me: " + meCheck.error());
            }
            if (streams.contains(TogglStream.ME.spec())) {
                each.accept(meCheck);
            }
            Long probe = connection.workspaceIds().isEmpty() ? me.id : connection.workspaceIds().get(0);
            TogglSource oneWorkspace = probe == null ? whole : new TogglSource(oneWorkspace(probe).account(), options);
            try {
                for (StreamSpec s : streams) {
                    if (s == TogglStream.ME.spec()) {
                        continue;
                    }
                    boolean perWorkspace = s.dependsOn().isPresent();
                    each.accept(check(perWorkspace ? oneWorkspace : whole, s, new Counting()));
                }
            } finally {
                if (oneWorkspace != whole) {
                    oneWorkspace.close();
                }
            }
        }
    }

    private TogglConnection oneWorkspace(long id) {
        return new TogglConnection(connection.name(), connection.apiToken(), connection.anchorDate(), connection.baseUrl(),
                connection.rate(), connection.maxQuotaWait(), List.of(id));
    }

    private StreamCheck check(TogglSource source, StreamSpec stream, Counting sink) {
        long before = source.requests();
        try {
            StreamResult r = source.read(stream, ReadRequest.fullRefresh(), sink);
            return new StreamCheck(stream.name(), true, r.records(), false, source.requests() - before, r.warnings(), null);
        } catch (Enough stopped) {
            return new StreamCheck(stream.name(), true, sink.rows, true, source.requests() - before, List.of(), null);
        } catch (QuotaExhaustedException e) {
            throw e;
        } catch (TogglSyncException e) {
            if (e.exitCode() == ExitCode.AUTHENTICATION) {
                throw e;
            }
            return new StreamCheck(stream.name(), false, sink.rows, false, source.requests() - before, List.of(), e.getMessage());
        }
    }

    /** Ends a read once it has shown that records arrive and decode. */
    private static final class Enough extends RuntimeException {
        Enough() {
            super("read enough", null, false, false);
        }
    }

    private static class Counting implements RowSink {
        long rows;

        @Override
        public void schemaChanged(TableSchema schema) {}

        @Override
        public void accept(Object[] row) {
            rows++;
            if (rows >= StreamCheck.RECORDS) {
                throw new Enough();
            }
        }
    }

    /** Keeps {@code default_workspace_id} of the one {@code me} row. */
    private static final class DefaultWorkspace extends Counting {
        private static final int COLUMN = TogglStream.ME.spec().schema().indexOf("default_workspace_id");
        Long id;

        @Override
        public void accept(Object[] row) {
            if (row[COLUMN] instanceof Long l) {
                id = l;
            }
            super.accept(row);
        }
    }

    /** Pacing sleeps as usual; a retry's or a quota's wait ends the stream's check with its reason. */
    private static final class NoLongWaits implements Sleeper, HttpListener {
        private final Sleeper next;
        private String announced;

        NoLongWaits(Sleeper next) {
            this.next = next;
        }

        @Override
        public void waiting(String reason, Duration duration) {
            announced = reason;
        }

        @Override
        public void sleep(Duration duration) {
            String reason = announced;
            announced = null;
            if (reason != null && duration.compareTo(LONGEST_WAIT) > 0) {
                throw TogglSyncException.streamFailed(reason + " in " + duration.toSeconds()
                        + " s; a run would wait and retry, a test does not");
            }
            next.sleep(duration);
        }
    }
}
