package dev.togglsync.toggl;

import dev.togglsync.http.ApiException;
import dev.togglsync.schema.RowSink;
import dev.togglsync.toggl.WorkspaceQueue.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Streams read once per workspace of the queue (projects, clients, ...), each workspace's requests
 * against its organization's quota bucket. A refusal the stream declares as a skip skips that
 * workspace with a warning; the other workspaces still count.
 */
final class WorkspaceStreams implements StreamReader {
    private static final Logger LOG = Logger.getLogger(TogglSource.class.getName());

    private final TogglApi api;
    private final WorkspaceQueue queue;

    WorkspaceStreams(TogglApi api, WorkspaceQueue queue) {
        this.api = api;
        this.queue = queue;
    }

    @Override
    public Outcome read(TogglStream stream, ReadRequest request, RowSink sink, List<String> warnings) {
        RecordDecoder decoder = new RecordDecoder(stream.spec(), sink, warnings);
        long records = 0;
        for (Workspace workspace : queue.workspaces(warnings)) {
            try {
                records += read(stream, workspace, decoder);
            } catch (ApiException e) {
                Refusal refusal = stream.refusal(e.status());
                boolean skip = switch (refusal.action()) {
                    case SKIP -> true;
                    case AUTHENTICATION_FAILED, STREAM_FAILS -> false;
                };
                if (!skip) {
                    throw e;
                }
                warnings.add(stream.streamName() + ": workspace " + workspace.id() + ": HTTP " + e.status() + " (" + e.body()
                        + "): " + refusal.reason() + "; skipped");
            }
        }
        return Outcome.records(records);
    }

    private long read(TogglStream stream, Workspace workspace, RecordDecoder decoder) {
        Endpoint endpoint = stream.endpoint();
        long records = api.readAll(stream, page -> endpoint.request(workspace.bucket(), workspace.id(), page), decoder);
        if (records == 0 && endpoint.paging() == Endpoint.Paging.ENVELOPE) {
            // Normal on free plans, so not a warning: one on every run would teach users to ignore warnings.
            LOG.fine(() -> stream.streamName() + ": workspace " + workspace.id()
                    + " has none (tasks are a feature of paid plans; free workspaces have none)");
        }
        return records;
    }

    /** The workspace list the stream depends on, then its own requests per workspace (and page). */
    @Override
    public List<PlannedRequest> plan(TogglStream stream, ReadRequest request) {
        List<PlannedRequest> plan = new ArrayList<>(queue.plan(TogglStream.WORKSPACES, request));
        Endpoint endpoint = stream.endpoint();
        plan.add(endpoint.planned(stream.scope().quota(), endpoint.paging().paged()
                ? PlannedRequest.Repeat.PER_WORKSPACE_PAGE
                : PlannedRequest.Repeat.PER_WORKSPACE));
        return List.copyOf(plan);
    }
}
