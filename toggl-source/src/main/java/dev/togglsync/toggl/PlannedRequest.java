package dev.togglsync.toggl;

import dev.togglsync.http.QuotaBucket;

/**
 * A request a stream will send, described without sending it (for {@code run --dry-run} and
 * {@code conns test}). Workspace streams list the {@code /me/workspaces} request they depend on;
 * a run sends it once, so de-duplicate the plans of several streams by equality.
 *
 * @param method the HTTP method
 * @param target path and query; {@code {workspace_id}} and {@code {page}} stand for values known
 *     only while reading
 * @param quota the kind of quota bucket it counts against; which organization is known only while reading
 * @param repeat how often it is sent, at least
 * @param estimate how many requests of this line the run is expected to send, when the reader can
 *     tell (report_time_entries: windows × pages from the rows stored last time)
 */
public record PlannedRequest(String method, String target, QuotaBucket.Kind quota, Repeat repeat,
        java.util.Optional<RequestEstimate> estimate) {
    public PlannedRequest {
        java.util.Objects.requireNonNull(estimate, "estimate");
    }

    public PlannedRequest(String method, String target, QuotaBucket.Kind quota, Repeat repeat) {
        this(method, target, quota, repeat, java.util.Optional.empty());
    }

    /** How many times a planned request goes out; all are minimums. */
    public enum Repeat {
        /** Once per run; a time_entries window that comes back with exactly 1000 entries is split and asked again. */
        ONCE,
        /** Once per workspace in the queue. */
        PER_WORKSPACE,
        /** Once per workspace and page: one page, plus one per further 200 records. */
        PER_WORKSPACE_PAGE,
        /** Once per organization of the workspaces. */
        PER_ORGANIZATION,
        /** Once per organization and page ({@code X-Pages}). */
        PER_ORGANIZATION_PAGE,
        /**
         * A windowed report: once per date window and page per workspace; the plan's
         * {@link PlannedRequest#estimate} says how many in all.
         */
        PER_WINDOW_PAGE
    }

    /** The bucket as a plan shows it: "user", or "org:{organization_id}". */
    public String bucket() {
        return quota.placeholder();
    }
}
