package dev.togglsync.toggl;

import dev.togglsync.http.ApiClient;
import dev.togglsync.http.ApiException;
import dev.togglsync.http.HttpSettings;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.StreamSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The Toggl Track source: reads the streams of {@link TogglStream} into a {@link RowSink}, one
 * typed row per record, streamed. One instance per run: it fetches {@code /me/workspaces} once and
 * remembers quota state across streams. Not for concurrent use.
 *
 * <p>Failures: {@link dev.togglsync.ExitCode#AUTHENTICATION} when Toggl refuses the token;
 * {@link dev.togglsync.http.QuotaExhaustedException} (resumable) when a quota would take longer
 * than max_quota_wait; {@link ApiException} when a request of the stream failed for good;
 * {@link dev.togglsync.ExitCode#INVALID_INPUT} for a spec that is not of {@link TogglStream}.
 */
public final class TogglSource implements AutoCloseable {
    private final ApiClient client;
    private final TogglApi api;
    private final UserStreams user;
    private final WorkspaceQueue queue;
    private final FanOutStreams fanOut;
    private final TimeEntries timeEntries;
    private final ReportTimeEntries reportTimeEntries;

    public TogglSource(TogglAccount connection, SourceOptions options) {
        this.client = new ApiClient(new HttpSettings(connection.baseUrl(), connection.apiToken(), connection.rate(),
                connection.maxQuotaWait(), options.connectTimeout(), options.requestTimeout(), options.clock(),
                options.sleeper(), options.listener()));
        this.api = new TogglApi(client, connection.name());
        this.user = new UserStreams(api);
        this.queue = new WorkspaceQueue(api, connection.workspaceIds());
        this.fanOut = new FanOutStreams(api, queue);
        this.timeEntries = new TimeEntries(api, options.clock(), connection.anchorDate());
        this.reportTimeEntries = new ReportTimeEntries(api, queue, options.clock(), connection.historyStart(),
                connection.historyRescanDays());
    }

    /**
     * Reads {@code stream} into {@code sink}. The sink starts with {@code stream.schema()}; a
     * field Toggl added later arrives as {@link RowSink#schemaChanged} before wider rows. After a
     * body broke off and was asked again, rows of the failed attempt may arrive twice (same
     * primary key; the later one wins).
     */
    public StreamResult read(StreamSpec stream, ReadRequest request, RowSink sink) {
        return read(stream, request, sink, Checkpoint.NONE);
    }

    /**
     * {@link #read(StreamSpec, ReadRequest, RowSink)} for a caller that commits part-way: a windowed
     * stream (report_time_entries) calls {@code checkpoint} after each finished window, once the
     * window's rows have all gone to {@code sink}.
     */
    public StreamResult read(StreamSpec stream, ReadRequest request, RowSink sink, Checkpoint checkpoint) {
        TogglStream declared = TogglStream.of(stream);
        long before = api.requests();
        List<String> warnings = new ArrayList<>();
        StreamReader.Outcome outcome = reader(declared).read(declared, request, sink, checkpoint, warnings);
        return new StreamResult(outcome.cursor(), outcome.records(), api.requests() - before, warnings, outcome.windows());
    }

    /**
     * The requests {@link #read} would start with, without sending any. Counts of pages and
     * workspaces are known only while reading; see {@link PlannedRequest.Repeat}.
     */
    public List<PlannedRequest> plan(StreamSpec stream, ReadRequest request) {
        TogglStream declared = TogglStream.of(stream);
        return reader(declared).plan(declared, request);
    }

    /** Requests sent so far by this source, retries and quota look-ups included. */
    public long requests() {
        return api.requests();
    }

    @Override
    public void close() {
        client.close();
    }

    /** How each stream is read: a new stream does not compile until it is given a reader here. */
    private StreamReader reader(TogglStream stream) {
        return switch (stream) {
            case ME, ORGANIZATIONS -> user;
            case WORKSPACES -> queue;
            case PROJECTS, CLIENTS, TAGS, TASKS, WORKSPACE_USERS, PROJECT_USERS, ORGANIZATION_USERS, GROUPS -> fanOut;
            case TIME_ENTRIES -> timeEntries;
            case REPORT_TIME_ENTRIES -> reportTimeEntries;
        };
    }
}
