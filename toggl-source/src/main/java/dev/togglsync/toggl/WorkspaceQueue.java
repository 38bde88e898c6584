package dev.togglsync.toggl;

import dev.togglsync.TogglSyncException;
import dev.togglsync.http.QuotaBucket;
import dev.togglsync.http.Request;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The workspaces the per-workspace streams iterate (DESIGN.md §4), and the reader of the
 * {@link TogglStream#WORKSPACES} stream. {@code GET /me/workspaces} is sent once per source, the
 * first time anything needs it; its rows are kept (a user has a handful of workspaces) so that
 * the {@code workspaces} stream, whether read before or after the others, costs no second
 * request, and so that it is fetched but not written when not selected.
 * {@code inputs.workspace_ids} filters both the queue and the stream's rows.
 */
final class WorkspaceQueue implements StreamReader {
    /** One workspace of the queue; its organization names the quota bucket of its requests. */
    record Workspace(long id, Long organizationId) {
        QuotaBucket bucket() {
            // Workspace paths count against their organization's quota (toggl-api.md §3.2).
            return organizationId == null ? new QuotaBucket.UnnamedOrganization(id) : QuotaBucket.organization(organizationId);
        }
    }

    private record Fetched(TableSchema schema, List<Object[]> rows, List<Workspace> workspaces) {}

    private final TogglApi api;
    private final List<Long> only;
    private Fetched fetched;
    /**
     * Why the one fetch failed (after its retries). Kept so that the workspace streams after it fail
     * at once instead of each retrying the same request for minutes against an API that is down.
     */
    private TogglSyncException failure;

    WorkspaceQueue(TogglApi api, List<Long> only) {
        this.api = api;
        this.only = List.copyOf(only);
    }

    /** The workspaces to read, fetching them on first use; warnings of that fetch go to {@code warnings}. */
    List<Workspace> workspaces(List<String> warnings) {
        return fetch(warnings).workspaces();
    }

    /** Sends the workspaces' rows to {@code sink}, fetching them on first use. */
    @Override
    public Outcome read(TogglStream stream, ReadRequest request, RowSink sink, List<String> warnings) {
        Fetched f = fetch(warnings);
        if (!f.schema().equals(TogglStream.WORKSPACES.spec().schema())) {
            sink.schemaChanged(f.schema());
        }
        for (Object[] row : f.rows()) {
            sink.accept(row.length == f.schema().size() ? row : Arrays.copyOf(row, f.schema().size()));
        }
        return Outcome.records(f.rows().size());
    }

    @Override
    public List<PlannedRequest> plan(TogglStream stream, ReadRequest request) {
        TogglStream workspaces = TogglStream.WORKSPACES;
        return List.of(workspaces.endpoint().planned(workspaces.scope().quota(), PlannedRequest.Repeat.ONCE));
    }

    private Fetched fetch(List<String> warnings) {
        if (fetched != null) {
            return fetched;
        }
        if (failure != null) {
            throw TogglSyncException.causedBy(failure, "the workspace list is not available: " + failure.getMessage()
                    + " (failed earlier in this run; not asked again)");
        }
        try {
            fetched = fetchOnce(warnings);
        } catch (TogglSyncException e) {
            failure = e;
            throw e;
        }
        return fetched;
    }

    private Fetched fetchOnce(List<String> warnings) {
        Recorder recorder = new Recorder();
        TogglStream stream = TogglStream.WORKSPACES;
        RecordDecoder decoder = new RecordDecoder(stream.spec(), recorder, warnings);
        Request request = stream.endpoint().request(QuotaBucket.USER, 1);
        api.execute(stream, request, body -> {
            recorder.rows.clear(); // a retried body starts over
            return Pages.array(body, decoder, request.describe());
        });
        TableSchema schema = decoder.schema();
        int id = schema.indexOf("id");
        int org = schema.indexOf("organization_id");
        List<Object[]> rows = new ArrayList<>();
        List<Workspace> workspaces = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (Object[] row : recorder.rows) {
            if (!(row[id] instanceof Long wid)) {
                throw TogglSyncException.streamFailed("workspaces: a workspace without an id in " + request.describe()
                        + "; the workspace streams cannot address it");
            }
            seen.add(wid);
            if (only.isEmpty() || only.contains(wid)) {
                rows.add(row);
                workspaces.add(new Workspace(wid, row[org] instanceof Long o ? o : null));
            }
        }
        for (long missing : only) {
            if (!seen.contains(missing)) {
                warnings.add("inputs.workspace_ids: workspace " + missing + " is not among the workspaces this token can see ("
                        + seen.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "); skipped");
            }
        }
        return new Fetched(schema, List.copyOf(rows), List.copyOf(workspaces));
    }

    /** Keeps the rows of the one workspaces request. */
    private static final class Recorder implements RowSink {
        final List<Object[]> rows = new ArrayList<>();

        @Override
        public void schemaChanged(TableSchema schema) {
            // the decoder holds the grown schema; rows are padded when emitted
        }

        @Override
        public void accept(Object[] row) {
            rows.add(row);
        }
    }
}
