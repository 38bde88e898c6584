package dev.togglsync.simulator;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps method + path to an {@link Endpoint} and its path parameters. */
final class Router {
    /**
     * A matched request; {@code workspaceId}/{@code id} are null when the path has none. For the
     * organization endpoints {@code id} is the organization's id.
     */
    record Route(Endpoint endpoint, Long workspaceId, Long id) {}

    /** Why no route matched: 404 (unknown path) or 405 (known path, other method). */
    record Miss(int status) {}

    private record Entry(String method, Pattern pattern, Endpoint endpoint) {}

    private static final String WS = "/api/v9/workspaces/(\\d{1,18})/";
    private static final String ORG = "/api/v9/organizations/(\\d{1,18})/";
    private static final List<Entry> ROUTES = List.of(
            new Entry("GET", Pattern.compile("/api/v9/me"), Endpoint.ME),
            new Entry("GET", Pattern.compile("/api/v9/me/workspaces"), Endpoint.WORKSPACES),
            new Entry("GET", Pattern.compile("/api/v9/me/organizations"), Endpoint.ORGANIZATIONS),
            new Entry("GET", Pattern.compile("/api/v9/me/quota"), Endpoint.QUOTA),
            new Entry("GET", Pattern.compile("/api/v9/me/time_entries"), Endpoint.TIME_ENTRIES),
            new Entry("GET", Pattern.compile("/api/v9/me/time_entries/current"), Endpoint.CURRENT_TIME_ENTRY),
            new Entry("GET", Pattern.compile("/api/v9/me/time_entries/(\\d{1,18})"), Endpoint.TIME_ENTRY),
            new Entry("GET", Pattern.compile(WS + "projects"), Endpoint.PROJECTS),
            new Entry("GET", Pattern.compile(WS + "clients"), Endpoint.CLIENTS),
            new Entry("GET", Pattern.compile(WS + "tags"), Endpoint.TAGS),
            new Entry("GET", Pattern.compile(WS + "tasks"), Endpoint.TASKS),
            new Entry("GET", Pattern.compile(WS + "workspace_users"), Endpoint.WORKSPACE_USERS),
            new Entry("GET", Pattern.compile(WS + "project_users"), Endpoint.PROJECT_USERS),
            new Entry("GET", Pattern.compile(ORG + "users"), Endpoint.ORGANIZATION_USERS),
            new Entry("GET", Pattern.compile(ORG + "groups"), Endpoint.GROUPS),
            new Entry("POST", Pattern.compile("/reports/api/v3/workspace/(\\d{1,18})/search/time_entries"),
                    Endpoint.REPORTS_TIME_ENTRIES));

    private Router() {}

    /** A {@link Route}, or a {@link Miss}. */
    static Object match(String method, String path) {
        boolean pathKnown = false;
        for (Entry e : ROUTES) {
            Matcher m = e.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (!e.method().equals(method)) {
                continue;
            }
            Long number = m.groupCount() > 0 ? Long.valueOf(m.group(1)) : null;
            return e.endpoint().workspaceScoped()
                    ? new Route(e.endpoint(), number, null)
                    : new Route(e.endpoint(), null, number);
        }
        return new Miss(pathKnown ? 405 : 404);
    }
}
