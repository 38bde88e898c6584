package dev.togglsync.toggl;

import dev.togglsync.http.Request;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The request of a stream (DESIGN.md §4), declared once: {@link TogglSource#read} sends it,
 * {@link TogglSource#plan} describes it. time_entries is not here: its query depends on the
 * cursor and the clock ({@link TimeEntries}).
 *
 * @param path the path; {@code {workspace_id}} makes it a per-workspace request
 * @param query fixed query parameters, in order; {@code page} is appended when paged
 * @param shape the body's shape
 * @param paged whether to ask for further pages ({@value #PER_PAGE} records each)
 */
record Endpoint(String path, Map<String, String> query, Shape shape, boolean paged) {
    /** The most records a page may hold (projects: "cannot exceed 200", toggl-api.md §4.4). */
    static final int PER_PAGE = 200;
    static final String WORKSPACE_ID = "{workspace_id}";

    enum Shape { OBJECT, ARRAY, ENVELOPE }

    static final Endpoint ME = new Endpoint("/api/v9/me", Map.of(), Shape.OBJECT, false);
    static final Endpoint WORKSPACES = new Endpoint("/api/v9/me/workspaces", Map.of(), Shape.ARRAY, false);

    /** The per-workspace streams by name. */
    private static final Map<String, Endpoint> PER_WORKSPACE = Map.of(
            // Without per_page the API silently stops at 151; without active=both it may omit archived ones.
            "projects", new Endpoint("/api/v9/workspaces/{workspace_id}/projects", ordered("active", "both", "per_page", "200"), Shape.ARRAY, true),
            // status defaults to active only: archived clients would be missing.
            "clients", new Endpoint("/api/v9/workspaces/{workspace_id}/clients", ordered("status", "both"), Shape.ARRAY, false),
            "tags", new Endpoint("/api/v9/workspaces/{workspace_id}/tags", Map.of(), Shape.ARRAY, false),
            // The one v9 list with an envelope; done tasks only with active=both.
            "tasks", new Endpoint("/api/v9/workspaces/{workspace_id}/tasks", ordered("active", "both", "per_page", "200"), Shape.ENVELOPE, true),
            "workspace_users", new Endpoint("/api/v9/workspaces/{workspace_id}/workspace_users", Map.of(), Shape.ARRAY, false));

    Endpoint {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    static Optional<Endpoint> perWorkspace(String stream) {
        return Optional.ofNullable(PER_WORKSPACE.get(stream));
    }

    boolean perWorkspace() {
        return path.contains(WORKSPACE_ID);
    }

    /** The request for one workspace's page; {@code /me} paths count against the user bucket. */
    Request request(long workspaceId, String bucket, int page) {
        Map<String, String> q = new LinkedHashMap<>(query);
        if (paged) {
            q.put("page", String.valueOf(page));
        }
        return new Request("GET", path.replace(WORKSPACE_ID, String.valueOf(workspaceId)), q, bucket);
    }

    Request request() {
        return request(0, "user", 1);
    }

    PlannedRequest planned() {
        if (!perWorkspace()) {
            return new PlannedRequest("GET", request().target(), "user", PlannedRequest.Repeat.ONCE);
        }
        String target = new Request("GET", path, query, "-").target();
        return paged
                ? new PlannedRequest("GET", target + (query.isEmpty() ? "?" : "&") + "page={page}", "org:{organization_id}", PlannedRequest.Repeat.PER_WORKSPACE_PAGE)
                : new PlannedRequest("GET", target, "org:{organization_id}", PlannedRequest.Repeat.PER_WORKSPACE);
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
