package dev.togglsync.toggl;

import dev.togglsync.TogglSyncException;

import dev.togglsync.http.ApiClient;
import dev.togglsync.http.ApiException;
import dev.togglsync.http.HttpSettings;
import dev.togglsync.http.Request;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.schema.Streams;
import dev.togglsync.toggl.WorkspaceQueue.Workspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Toggl Track source: reads the eight streams of DESIGN.md §4 into a {@link RowSink}, one
 * typed row per record, streamed. One instance per run: it fetches {@code /me/workspaces} once and
 * remembers quota state across streams. Not for concurrent use.
 *
 * <p>Failures: {@link dev.togglsync.ExitCode#AUTHENTICATION} when Toggl refuses the token;
 * {@link dev.togglsync.http.QuotaExhaustedException} (resumable) when a quota would take longer
 * than max_quota_wait; {@link ApiException} when a request of the stream failed for good.
 */
public final class TogglSource implements AutoCloseable {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(TogglSource.class.getName());

    private final ApiClient client;
    private final TogglApi api;
    private final WorkspaceQueue queue;
    private final TimeEntries timeEntries;

    public TogglSource(TogglAccount connection, SourceOptions options) {
        this.client = new ApiClient(new HttpSettings(connection.baseUrl(), connection.apiToken(), connection.rate(),
                connection.maxQuotaWait(), options.connectTimeout(), options.requestTimeout(), options.clock(),
                options.sleeper(), options.listener()));
        this.api = new TogglApi(client, connection.name());
        this.queue = new WorkspaceQueue(api, connection.workspaceIds());
        this.timeEntries = new TimeEntries(api, options.clock(), connection.anchorDate());
    }

    /**
     * Reads {@code stream} into {@code sink}. The sink starts with {@code stream.schema()}; a
     * field Toggl added later arrives as {@link RowSink#schemaChanged} before wider rows. After a
     * body broke off and was asked again, rows of the failed attempt may arrive twice (same
     * primary key; the later one wins).
     */
    public StreamResult read(StreamSpec stream, ReadRequest request, RowSink sink) {
        long before = api.requests();
        List<String> warnings = new ArrayList<>();
        Optional<Instant> cursor = Optional.empty();
        long records;
        switch (stream.name()) {
            case "me" -> {
                Request r = Endpoint.ME.request();
                RecordDecoder decoder = new RecordDecoder(stream, sink, warnings);
                records = api.execute(r, body -> Pages.object(body, decoder, r.describe()));
            }
            case "workspaces" -> records = queue.emit(sink, warnings);
            case "time_entries" -> {
                TimeEntries.Outcome outcome = timeEntries.read(stream, request, sink, warnings);
                cursor = outcome.cursor();
                records = outcome.records();
            }
            default -> records = readPerWorkspace(stream, endpoint(stream), sink, warnings);
        }
        return new StreamResult(cursor, records, api.requests() - before, warnings);
    }

    /**
     * The requests {@link #read} would start with, without sending any. Counts of pages and
     * workspaces are known only while reading; see {@link PlannedRequest.Repeat}.
     */
    public List<PlannedRequest> plan(StreamSpec stream, ReadRequest request) {
        return switch (stream.name()) {
            case "me" -> List.of(Endpoint.ME.planned());
            case "workspaces" -> List.of(Endpoint.WORKSPACES.planned());
            case "time_entries" -> {
                Request first = timeEntries.firstRequest(request);
                yield List.of(new PlannedRequest(first.method(), first.target(), first.bucket(), PlannedRequest.Repeat.ONCE));
            }
            default -> List.of(Endpoint.WORKSPACES.planned(), endpoint(stream).planned());
        };
    }

    /** Requests sent so far by this source, retries and quota look-ups included. */
    public long requests() {
        return api.requests();
    }

    @Override
    public void close() {
        client.close();
    }

    private static Endpoint endpoint(StreamSpec stream) {
        return Endpoint.perWorkspace(stream.name()).orElseThrow(() -> TogglSyncException.invalidInput(
                "stream " + stream.name() + ": not a stream of the Toggl source; available: " + Streams.names()));
    }

    private long readPerWorkspace(StreamSpec stream, Endpoint endpoint, RowSink sink, List<String> warnings) {
        RecordDecoder decoder = new RecordDecoder(stream, sink, warnings);
        long records = 0;
        for (Workspace workspace : queue.workspaces(warnings)) {
            try {
                records += readPages(stream, endpoint, workspace, decoder, warnings);
            } catch (ApiException e) {
                // A paid feature this workspace's plan lacks (DESIGN.md §7): the others still count.
                if (e.status() == 402) {
                    warnings.add(stream.name() + ": workspace " + workspace.id() + ": HTTP 402 (" + e.body()
                            + "): a feature of a paid plan; skipped");
                    continue;
                }
                // Workspace members are visible to admins only; a member's 403 is no failure.
                if (e.status() == 403 && stream.name().equals("workspace_users")) {
                    warnings.add(stream.name() + ": workspace " + workspace.id() + ": HTTP 403 (" + e.body()
                            + "): only workspace admins may list its users; skipped");
                    continue;
                }
                throw e;
            }
        }
        return records;
    }

    private long readPages(StreamSpec stream, Endpoint endpoint, Workspace workspace, RecordDecoder decoder, List<String> warnings) {
        long records = 0;
        for (int page = 1; ; page++) {
            Request r = endpoint.request(workspace.id(), workspace.bucket(), page);
            if (endpoint.shape() == Endpoint.Shape.ENVELOPE) {
                Pages.Envelope e = api.execute(r, body -> Pages.envelope(body, decoder, r.describe()));
                records += e.records();
                long total = e.totalCount().orElse(Long.MAX_VALUE);
                // Done at a short or empty page, or once total_count is reached (toggl-api.md §4.7).
                if (e.records() < Endpoint.PER_PAGE || (long) page * Endpoint.PER_PAGE >= total) {
                    break;
                }
            } else {
                int n = api.execute(r, body -> Pages.array(body, decoder, r.describe()));
                records += n;
                // No total in a bare array: a short page is the last one (toggl-api.md §4.4).
                if (!endpoint.paged() || n < Endpoint.PER_PAGE) {
                    break;
                }
            }
        }
        if (records == 0 && endpoint.shape() == Endpoint.Shape.ENVELOPE) {
            // Normal on free plans, so not a warning: one on every run would teach users to ignore warnings.
            LOG.fine(() -> stream.name() + ": workspace " + workspace.id()
                    + " has none (tasks are a feature of paid plans; free workspaces have none)");
        }
        return records;
    }
}
