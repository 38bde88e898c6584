package dev.togglsync.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.togglsync.simulator.Account.WorkspaceUser;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The organization lists (toggl-api.md §4.3) and a workspace's project memberships, whose shapes
 * the reference leaves open and which follow Toggl's published API pages instead:
 * https://engineering.toggl.com/docs/api/groups ({@code GET /organizations/{oid}/groups}) and
 * https://engineering.toggl.com/docs/api/projects ({@code GET /workspaces/{wid}/project_users}).
 *
 * <p>Derived from the catalog, so nothing new is stored: an organization's users are the members
 * of its workspaces; the Premium organization has two groups, the Free one none; every fifth
 * project of a workspace has its members (the owner a manager).
 */
final class OrganizationHandlers {
    static final int USERS_DEFAULT_PER_PAGE = 50;
    static final int USERS_MAX_PER_PAGE = 200;

    /** One member of an organization, as its user list shows it. */
    record OrganizationUser(long id, long userId, String name, String email, boolean admin, boolean owner, boolean inactive,
            long organizationId, Instant createdAt, List<Membership> workspaces) {}

    /** One of an organization user's workspaces, as its {@code workspaces[]} element shows it. */
    record Membership(WorkspaceUser member, String workspaceName, String defaultCurrency) {}

    /** One group: who is in it, which workspaces it is added to. */
    record Group(long groupId, String name, Instant at, List<GroupMember> users, List<Long> workspaceIds) {}

    /** One element of a group's {@code users[]}. */
    record GroupMember(long userId, String name) {}

    /** One project membership. */
    record ProjectUser(long id, long projectId, long userId, long workspaceId, boolean manager, Double rate, Instant at) {}

    private final Dataset dataset;

    OrganizationHandlers(Dataset dataset) {
        this.dataset = dataset;
    }

    /** Header paging: {@code X-Page}, {@code X-Page-Size}, {@code X-Pages}, {@code X-Records}; the body a bare array. */
    void users(Call call, long oid) throws IOException {
        int page = Params.positiveInt(call, "page", 1, Integer.MAX_VALUE);
        int perPage = Params.positiveInt(call, "per_page", USERS_DEFAULT_PER_PAGE, USERS_MAX_PER_PAGE);
        List<OrganizationUser> all = users(dataset.catalog(), oid);
        int pages = Math.max(1, (all.size() + perPage - 1) / perPage);
        List<OrganizationUser> slice = all.stream().skip((long) (page - 1) * perPage).limit(perPage).toList();
        call.setHeader("X-Page", Integer.toString(page));
        call.setHeader("X-Page-Size", Integer.toString(perPage));
        call.setHeader("X-Pages", Integer.toString(pages));
        call.setHeader("X-Records", Integer.toString(all.size()));
        call.setHeader("X-Sort-Order", "asc");
        call.json(200, Json.array(slice, OrganizationHandlers::user));
    }

    void groups(Call call, long oid) throws IOException {
        call.json(200, Json.array(groups(dataset.catalog(), oid), OrganizationHandlers::group));
    }

    void projectUsers(Call call, long wid) throws IOException {
        call.json(200, Json.array(projectUsers(dataset.catalog(), wid), OrganizationHandlers::projectUser));
    }

    static List<OrganizationUser> users(Catalog.State s, long oid) {
        Map<Long, List<Membership>> byUser = new LinkedHashMap<>();
        for (Account.Workspace w : s.workspaces()) {
            if (w.organizationId() == oid) {
                for (WorkspaceUser u : s.workspaceUsers(w.id())) {
                    byUser.computeIfAbsent(u.uid(), k -> new ArrayList<>()).add(new Membership(u, w.name(), w.defaultCurrency()));
                }
            }
        }
        List<OrganizationUser> out = new ArrayList<>();
        long id = 8_000_000L + (oid % 1000) * 100;
        for (List<Membership> memberships : byUser.values()) {
            WorkspaceUser u = memberships.get(0).member();
            out.add(new OrganizationUser(id++, u.uid(), u.name(), u.email(), u.admin(), u.uid() == Dataset.USER_ID,
                    !u.active(), oid, u.at(), memberships));
        }
        return out;
    }

    static List<Group> groups(Catalog.State s, long oid) {
        if (oid != Dataset.PREMIUM_ORGANIZATION_ID) {
            return List.of();
        }
        Instant at = s.organization(oid).createdAt().plusSeconds(86_400);
        Map<Long, String> names = new LinkedHashMap<>();
        for (OrganizationUser u : users(s, oid)) {
            names.put(u.userId(), u.name());
        }
        Function<List<Long>, List<GroupMember>> members = ids -> ids.stream()
                .map(id -> new GroupMember(id, names.getOrDefault(id, ""))).toList();
        return List.of(
                new Group(9_000_001L, "Consultants", at, members.apply(List.of(Dataset.USER_ID, 1_000_102L)),
                        List.of(Dataset.PREMIUM_WORKSPACE_ID)),
                new Group(9_000_002L, "Engineering", at.plusSeconds(60), members.apply(List.of(1_000_100L, 1_000_101L)),
                        List.of(Dataset.PREMIUM_WORKSPACE_ID)));
    }

    static List<ProjectUser> projectUsers(Catalog.State s, long wid) {
        List<ProjectUser> out = new ArrayList<>();
        List<Project> projects = s.projects(wid);
        List<WorkspaceUser> members = s.workspaceUsers(wid);
        for (int i = 0; i < projects.size(); i += 5) {
            Project p = projects.get(i);
            for (int k = 0; k < members.size(); k++) {
                WorkspaceUser u = members.get(k);
                if ((i / 5 + k) % 2 == 0 || u.uid() == Dataset.USER_ID) {
                    out.add(new ProjectUser(p.id() * 10 + k, p.id(), u.uid(), wid, u.uid() == Dataset.USER_ID,
                            k % 3 == 0 ? null : 40.0 + 5 * k, p.at()));
                }
            }
        }
        return out;
    }

    static void user(JsonGenerator g, OrganizationUser u) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", u.id());
        g.writeNumberField("user_id", u.userId());
        g.writeStringField("name", u.name());
        g.writeStringField("email", u.email());
        g.writeStringField("avatar_url", "");
        g.writeBooleanField("admin", u.admin());
        g.writeBooleanField("owner", u.owner());
        g.writeNullField("role_id");
        g.writeBooleanField("inactive", u.inactive());
        g.writeBooleanField("joined", true);
        g.writeNullField("invitation_id");
        g.writeNumberField("organization_id", u.organizationId());
        g.writeBooleanField("can_edit_email", false);
        g.writeBooleanField("2fa_enabled", false);
        g.writeStringField("created_at", Timestamps.utcSeconds(u.createdAt()));
        g.writeStringField("updated_at", Timestamps.utcSeconds(u.createdAt()));
        g.writeArrayFieldStart("groups");
        g.writeEndArray();
        g.writeNumberField("workspace_count", u.workspaces().size());
        // Every key of the Swagger's models.OrgUserWorkspace (and toggl-api.md §4.3), with the
        // values the same member's workspace_users row shows; no per-workspace rates are simulated.
        g.writeArrayFieldStart("workspaces");
        for (Membership m : u.workspaces()) {
            WorkspaceUser w = m.member();
            g.writeStartObject();
            g.writeNumberField("workspace_id", w.wid());
            g.writeStringField("workspace_name", m.workspaceName());
            g.writeNumberField("workspace_user_id", w.id());
            g.writeBooleanField("admin", w.admin());
            g.writeStringField("role", w.role());
            g.writeNumberField("role_id", w.admin() ? 2 : 3);
            g.writeBooleanField("active", w.active());
            g.writeBooleanField("inactive", false);
            g.writeNullField("rate");
            g.writeNullField("cost");
            Json.string(g, "default_currency", m.defaultCurrency());
            g.writeNullField("working_hours");
            g.writeBooleanField("view_edit_billable_rates", w.admin());
            g.writeBooleanField("view_edit_labor_costs", w.admin());
            g.writeArrayFieldStart("groups");
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void group(JsonGenerator g, Group group) throws IOException {
        g.writeStartObject();
        g.writeNumberField("group_id", group.groupId());
        g.writeStringField("name", group.name());
        g.writeStringField("at", Timestamps.utcSeconds(group.at()));
        g.writeArrayFieldStart("workspaces");
        for (long w : group.workspaceIds()) {
            g.writeNumber(w);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("users");
        // The keys of Toggl's page (https://engineering.toggl.com/docs/api/groups): avatar_url, inactive, joined, name, user_id.
        for (GroupMember u : group.users()) {
            g.writeStartObject();
            g.writeNumberField("user_id", u.userId());
            g.writeStringField("name", u.name());
            g.writeStringField("avatar_url", "");
            g.writeBooleanField("joined", true);
            g.writeBooleanField("inactive", false);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNullField("permissions");
        g.writeEndObject();
    }

    static void projectUser(JsonGenerator g, ProjectUser p) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", p.id());
        g.writeNumberField("project_id", p.projectId());
        g.writeNumberField("user_id", p.userId());
        g.writeNumberField("workspace_id", p.workspaceId());
        g.writeBooleanField("manager", p.manager());
        Json.number(g, "rate", p.rate());
        g.writeNullField("rate_last_updated");
        g.writeNullField("labor_cost");
        g.writeNullField("labor_cost_last_updated");
        g.writeNullField("group_id");
        // The legacy copy of group_id: Toggl's page lists it, and toggl-sync declares a column for it.
        g.writeNullField("gid");
        g.writeStringField("at", Timestamps.utcSeconds(p.at()));
        g.writeEndObject();
    }
}
