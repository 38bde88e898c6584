package dev.togglsync.toggl;

import dev.togglsync.http.QuotaBucket;
import dev.togglsync.http.Request;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a stream's records come from (DESIGN.md §4), as {@link TogglStream} declares it: the path,
 * in which {@value #WORKSPACE_ID} stands for the workspace of a per-workspace request; fixed query
 * parameters, in order; and how the records lie over the responses. time_entries adds its window
 * parameters itself ({@link TimeEntries}).
 *
 * @param path the path below the base URL
 * @param query fixed query parameters, in order; {@code per_page} and {@code page} follow when paged
 * @param paging how records are laid out over the responses
 */
record Endpoint(String path, Map<String, String> query, Paging paging) {
    /**
     * The most records a page may hold, and what paged requests ask for: projects "cannot exceed
     * 200" (toggl-api.md §4.4), and without per_page the API silently stops at 151.
     */
    static final int PER_PAGE = 200;
    static final String WORKSPACE_ID = "{workspace_id}";

    /** How the records of an endpoint are laid out over its responses (toggl-api.md §1). */
    enum Paging {
        /** One JSON object, one record ({@code /me}). */
        SINGLE_OBJECT,
        /** A bare array with every record. */
        WHOLE_ARRAY,
        /** Bare arrays of up to {@value Endpoint#PER_PAGE} records, {@code page=1, 2, ...} until a short page. */
        PAGE_NUMBERED,
        /** {@code {data: [...], total_count}} pages of up to {@value Endpoint#PER_PAGE} (tasks, toggl-api.md §4.7). */
        ENVELOPE;

        /** Whether more than one request may be needed, each asking for its page. */
        boolean paged() {
            return switch (this) {
                case SINGLE_OBJECT, WHOLE_ARRAY -> false;
                case PAGE_NUMBERED, ENVELOPE -> true;
            };
        }
    }

    Endpoint {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /** A GET of {@code path}; {@code query} as name, value, name, value, ... */
    static Endpoint get(String path, Paging paging, String... query) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i < query.length; i += 2) {
            q.put(query[i], query[i + 1]);
        }
        if (paging.paged()) {
            q.put("per_page", String.valueOf(PER_PAGE));
        }
        return new Endpoint(path, q, paging);
    }

    /** The request for one page of an endpoint that addresses no workspace. */
    Request request(QuotaBucket bucket, int page) {
        return new Request("GET", path, withPage(page), bucket);
    }

    /** The request for one page of one workspace's records. */
    Request request(QuotaBucket bucket, long workspaceId, int page) {
        return new Request("GET", path.replace(WORKSPACE_ID, String.valueOf(workspaceId)), withPage(page), bucket);
    }

    private Map<String, String> withPage(int page) {
        if (!paging.paged()) {
            return query;
        }
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("page", String.valueOf(page));
        return q;
    }

    /**
     * This endpoint's requests as a plan lists them, {@code {workspace_id}} and {@code {page}} left
     * for the values known only while reading.
     */
    PlannedRequest planned(QuotaBucket.Kind quota, PlannedRequest.Repeat repeat) {
        String target = Request.target(path, query);
        if (paging.paged()) {
            target += (query.isEmpty() ? "?" : "&") + "page={page}";
        }
        return new PlannedRequest("GET", target, quota, repeat);
    }
}
