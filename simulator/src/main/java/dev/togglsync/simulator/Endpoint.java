package dev.togglsync.simulator;

/** The API operations the simulator serves; fault, feature and access rules name them. */
public enum Endpoint {
    /** {@code GET /api/v9/me} */
    ME,
    /** {@code GET /api/v9/me/workspaces} */
    WORKSPACES,
    /** {@code GET /api/v9/me/organizations} */
    ORGANIZATIONS,
    /** {@code GET /api/v9/me/quota} */
    QUOTA,
    /** {@code GET /api/v9/me/time_entries} */
    TIME_ENTRIES,
    /** {@code GET /api/v9/me/time_entries/current} */
    CURRENT_TIME_ENTRY,
    /** {@code GET /api/v9/me/time_entries/{id}} */
    TIME_ENTRY,
    /** {@code GET /api/v9/workspaces/{wid}/projects} */
    PROJECTS,
    /** {@code GET /api/v9/workspaces/{wid}/clients} */
    CLIENTS,
    /** {@code GET /api/v9/workspaces/{wid}/tags} */
    TAGS,
    /** {@code GET /api/v9/workspaces/{wid}/tasks} */
    TASKS,
    /** {@code GET /api/v9/workspaces/{wid}/workspace_users} */
    WORKSPACE_USERS,
    /** {@code GET /api/v9/workspaces/{wid}/project_users} */
    PROJECT_USERS,
    /** {@code POST /reports/api/v3/workspace/{wid}/search/time_entries} */
    REPORTS_TIME_ENTRIES,
    /** {@code GET /api/v9/organizations/{oid}/users}: header paging ({@code X-Pages}); admins only */
    ORGANIZATION_USERS,
    /** {@code GET /api/v9/organizations/{oid}/groups}: admins only */
    GROUPS;

    /** Whether requests to this endpoint count against the organization's hourly quota (else the user's). */
    boolean workspaceScoped() {
        return switch (this) {
            case PROJECTS, CLIENTS, TAGS, TASKS, WORKSPACE_USERS, PROJECT_USERS, REPORTS_TIME_ENTRIES -> true;
            case ME, WORKSPACES, ORGANIZATIONS, QUOTA, TIME_ENTRIES, CURRENT_TIME_ENTRY, TIME_ENTRY, ORGANIZATION_USERS,
                    GROUPS -> false;
        };
    }

    /** Whether the path names an organization, whose hourly quota the request counts against. */
    boolean organizationScoped() {
        return switch (this) {
            case ORGANIZATION_USERS, GROUPS -> true;
            case ME, WORKSPACES, ORGANIZATIONS, QUOTA, TIME_ENTRIES, CURRENT_TIME_ENTRY, TIME_ENTRY, PROJECTS, CLIENTS,
                    TAGS, TASKS, WORKSPACE_USERS, PROJECT_USERS, REPORTS_TIME_ENTRIES -> false;
        };
    }
}
