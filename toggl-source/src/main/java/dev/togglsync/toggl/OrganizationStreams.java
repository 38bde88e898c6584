package dev.togglsync.toggl;

import dev.togglsync.http.ApiException;
import dev.togglsync.http.QuotaBucket;
import dev.togglsync.schema.RowSink;
import dev.togglsync.toggl.WorkspaceQueue.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Streams read once per organization (organization_users, groups): the organizations are those
 * of the workspace queue's workspaces, so they cost no request of their own; each organization's
 * requests count against its own quota bucket. A refusal the stream declares as a skip (a
 * non-admin's 403) skips that organization with one warning.
 */
final class OrganizationStreams implements StreamReader {
    private final TogglApi api;
    private final WorkspaceQueue queue;

    OrganizationStreams(TogglApi api, WorkspaceQueue queue) {
        this.api = api;
        this.queue = queue;
    }

    @Override
    public Outcome read(TogglStream stream, ReadRequest request, RowSink sink, Checkpoint checkpoint, List<String> warnings) {
        RecordDecoder decoder = new RecordDecoder(stream.spec(), sink, warnings);
        long records = 0;
        for (long organization : organizations(warnings)) {
            try {
                QuotaBucket bucket = QuotaBucket.organization(organization);
                records += api.readAll(stream, page -> stream.endpoint().request(bucket, organization, page), decoder);
            } catch (ApiException e) {
                WorkspaceStreams.skipOrRethrow(stream, "organization " + organization, e, warnings);
            }
        }
        return Outcome.records(records);
    }

    private Set<Long> organizations(List<String> warnings) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Workspace w : queue.workspaces(warnings)) {
            if (w.organizationId() != null) {
                ids.add(w.organizationId());
            }
        }
        return ids;
    }

    /** The workspace list the organizations come from, then the stream's own requests per organization (and page). */
    @Override
    public List<PlannedRequest> plan(TogglStream stream, ReadRequest request) {
        List<PlannedRequest> plan = new ArrayList<>(queue.plan(TogglStream.WORKSPACES, request));
        Endpoint endpoint = stream.endpoint();
        plan.add(endpoint.planned(stream.scope().quota(), endpoint.paging().paged()
                ? PlannedRequest.Repeat.PER_ORGANIZATION_PAGE
                : PlannedRequest.Repeat.PER_ORGANIZATION));
        return List.copyOf(plan);
    }
}
