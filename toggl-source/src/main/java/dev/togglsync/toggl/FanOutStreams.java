package dev.togglsync.toggl;

import dev.togglsync.http.ApiException;
import dev.togglsync.http.QuotaBucket;
import dev.togglsync.schema.RowSink;
import dev.togglsync.toggl.WorkspaceQueue.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Streams read once per workspace of the queue (projects, clients, ...) or once per organization of
 * those workspaces (organization_users, groups: no request of their own to find the organizations),
 * as the stream's {@link TogglStream.Scope} says. Each unit's requests count against its
 * organization's quota bucket. A refusal the stream declares as a skip (a free workspace's 402, a
 * non-admin's 403) skips that unit with one warning; the other units still count.
 */
final class FanOutStreams implements StreamReader {
    private static final Logger LOG = Logger.getLogger(TogglSource.class.getName());

    /** One workspace or organization: its id (the path parameter), its bucket, and how a warning names it. */
    private record Unit(long id, QuotaBucket bucket, String label) {}

    private final TogglApi api;
    private final WorkspaceQueue queue;

    FanOutStreams(TogglApi api, WorkspaceQueue queue) {
        this.api = api;
        this.queue = queue;
    }

    @Override
    public Outcome read(TogglStream stream, ReadRequest request, RowSink sink, Checkpoint checkpoint, List<String> warnings) {
        RecordDecoder decoder = new RecordDecoder(stream.spec(), sink, warnings);
        Endpoint endpoint = stream.endpoint();
        long records = 0;
        for (Unit unit : units(stream, warnings)) {
            try {
                long read = api.readAll(stream, page -> endpoint.request(unit.bucket(), unit.id(), page), decoder);
                if (read == 0 && endpoint.paging() == Endpoint.Paging.ENVELOPE) {
                    // Normal on free plans, so not a warning: one on every run would teach users to ignore warnings.
                    LOG.fine(() -> stream.streamName() + ": " + unit.label()
                            + " has none (tasks are a feature of paid plans; free workspaces have none)");
                }
                records += read;
            } catch (ApiException e) {
                skipOrRethrow(stream, unit.label(), e, warnings);
            }
        }
        return Outcome.records(records);
    }

    /** The workspaces of the queue, or their organizations (each once, in the queue's order). */
    private List<Unit> units(TogglStream stream, List<String> warnings) {
        List<Unit> units = new ArrayList<>();
        switch (stream.scope()) {
            case WORKSPACE -> {
                for (Workspace w : queue.workspaces(warnings)) {
                    units.add(new Unit(w.id(), w.bucket(), "workspace " + w.id()));
                }
            }
            case ORGANIZATION -> {
                Set<Long> organizations = new LinkedHashSet<>();
                for (Workspace w : queue.workspaces(warnings)) {
                    if (w.organizationId() != null) {
                        organizations.add(w.organizationId());
                    }
                }
                for (long o : organizations) {
                    units.add(new Unit(o, QuotaBucket.organization(o), "organization " + o));
                }
            }
            case USER -> throw new IllegalStateException(stream.streamName() + " is read once, not per workspace or organization");
        }
        return units;
    }

    /**
     * A refusal the stream declares as a skip becomes one warning naming what was skipped
     * ({@code what}: "workspace 42", "organization 7"); any other is rethrown.
     */
    static void skipOrRethrow(TogglStream stream, String what, ApiException e, List<String> warnings) {
        Refusal refusal = stream.refusal(e.status());
        boolean skip = switch (refusal.action()) {
            case SKIP -> true;
            case AUTHENTICATION_FAILED, STREAM_FAILS -> false;
        };
        if (!skip) {
            throw e;
        }
        warnings.add(stream.streamName() + ": " + what + ": HTTP " + e.status() + " (" + e.body() + "): " + refusal.reason()
                + "; skipped");
    }

    /** The workspace list the stream depends on, then its own requests per workspace or organization (and page). */
    @Override
    public List<PlannedRequest> plan(TogglStream stream, ReadRequest request) {
        List<PlannedRequest> plan = new ArrayList<>(queue.plan(TogglStream.WORKSPACES, request));
        Endpoint endpoint = stream.endpoint();
        boolean paged = endpoint.paging().paged();
        PlannedRequest.Repeat repeat = switch (stream.scope()) {
            case WORKSPACE -> paged ? PlannedRequest.Repeat.PER_WORKSPACE_PAGE : PlannedRequest.Repeat.PER_WORKSPACE;
            case ORGANIZATION -> paged ? PlannedRequest.Repeat.PER_ORGANIZATION_PAGE : PlannedRequest.Repeat.PER_ORGANIZATION;
            case USER -> throw new IllegalStateException(stream.streamName() + " is read once, not per workspace or organization");
        };
        plan.add(endpoint.planned(stream.scope().quota(), repeat));
        return List.copyOf(plan);
    }
}
