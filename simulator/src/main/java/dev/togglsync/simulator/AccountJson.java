package dev.togglsync.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.togglsync.simulator.Account.Organization;
import dev.togglsync.simulator.Account.User;
import dev.togglsync.simulator.Account.Workspace;
import dev.togglsync.simulator.Account.WorkspaceUser;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The user, organizations, workspaces and workspace users in the key order of the recorded
 * responses (toggl-samples/get_me.json, get_me_organizations.json, the workspace inside
 * get_me_with_related_data.json); fields only the newer spec lists follow the observed ones.
 */
final class AccountJson {
    static final String AVATAR_URL = "https://assets.track.toggl.com/avatars/ada.png";

    private AccountJson() {}

    /** {@code /me} up to (not including) {@code authorization_updated_at}, so related data can be inserted before it. */
    static void meHead(JsonGenerator g, User u) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", u.id());
        g.writeStringField("api_token", u.apiToken());
        g.writeStringField("email", u.email());
        g.writeStringField("fullname", u.fullname());
        g.writeStringField("timezone", u.timezone().getId());
        g.writeStringField("toggl_accounts_id", u.togglAccountsId());
        g.writeNumberField("default_workspace_id", u.defaultWorkspaceId());
        g.writeNumberField("beginning_of_week", 1);
        g.writeStringField("image_url", AVATAR_URL);
        g.writeStringField("created_at", Timestamps.utcMicros(u.createdAt()));
        g.writeStringField("updated_at", Timestamps.utcMicros(u.updatedAt()));
        g.writeNullField("openid_email");
        g.writeBooleanField("openid_enabled", true);
        g.writeNullField("country_id");
        g.writeBooleanField("has_password", true);
        g.writeStringField("at", Timestamps.utcMicros(u.at()));
        g.writeStringField("intercom_hash", u.intercomHash());
        Json.strings(g, "oauth_providers", List.of("google"));
    }

    static void meTail(JsonGenerator g, User u) throws IOException {
        g.writeStringField("authorization_updated_at", Timestamps.utcMicros(u.authorizationUpdatedAt()));
        g.writeEndObject();
    }

    static void me(JsonGenerator g, User u) throws IOException {
        meHead(g, u);
        meTail(g, u);
    }

    static void organization(JsonGenerator g, Organization o) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", o.id());
        g.writeStringField("name", o.name());
        g.writeNumberField("pricing_plan_id", o.premium() ? 2 : 0);
        g.writeStringField("created_at", Timestamps.utcMicros(o.createdAt()));
        g.writeStringField("at", Timestamps.utcMicros(o.createdAt()));
        g.writeNullField("server_deleted_at");
        g.writeBooleanField("is_multi_workspace_enabled", o.premium());
        g.writeNullField("suspended_at");
        g.writeNumberField("user_count", o.userCount());
        g.writeObjectFieldStart("trial_info");
        g.writeBooleanField("trial", false);
        g.writeBooleanField("trial_available", !o.premium());
        g.writeNullField("trial_end_date");
        g.writeNullField("next_payment_date");
        g.writeNullField("last_pricing_plan_id");
        g.writeBooleanField("can_have_trial", !o.premium());
        g.writeNullField("trial_plan_id");
        g.writeEndObject();
        g.writeBooleanField("is_unified", false);
        g.writeNumberField("max_workspaces", 20);
        g.writeNullField("permissions");
        g.writeBooleanField("admin", true);
        g.writeBooleanField("owner", true);
        g.writeStringField("pricing_plan_name", o.planName());
        g.writeBooleanField("pricing_plan_enterprise", false);
        g.writeEndObject();
    }

    /**
     * @param activeProjectCount appended with the newer-spec fields on {@code /me/workspaces};
     *     negative = the embedded form of {@code /me?with_related_data=true}, which has neither
     */
    static void workspace(JsonGenerator g, Workspace w, String apiToken, long activeProjectCount) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", w.id());
        g.writeNumberField("organization_id", w.organizationId());
        g.writeStringField("name", w.name());
        g.writeBooleanField("premium", w.premium());
        g.writeBooleanField("business_ws", w.premium());
        g.writeBooleanField("admin", true);
        g.writeStringField("role", "admin");
        g.writeNullField("suspended_at");
        g.writeNullField("server_deleted_at");
        Json.number(g, "default_hourly_rate", w.defaultHourlyRate());
        Json.time(g, "rate_last_updated", w.defaultHourlyRate() == null ? null : w.at(), Timestamps::utcSeconds);
        g.writeStringField("default_currency", w.defaultCurrency());
        g.writeBooleanField("only_admins_may_create_projects", false);
        g.writeBooleanField("only_admins_may_create_tags", false);
        g.writeBooleanField("only_admins_see_billable_rates", w.premium());
        g.writeBooleanField("only_admins_see_team_dashboard", false);
        g.writeBooleanField("projects_billable_by_default", true);
        g.writeBooleanField("projects_private_by_default", true);
        g.writeBooleanField("projects_enforce_billable", false);
        g.writeBooleanField("limit_public_project_data", false);
        g.writeStringField("last_modified", Timestamps.utcSecondsZ(w.lastModified().atStartOfDay(ZoneOffset.UTC).toInstant()));
        g.writeBooleanField("reports_collapse", true);
        g.writeNumberField("rounding", 0);
        g.writeNumberField("rounding_minutes", 0);
        g.writeStringField("api_token", apiToken);
        g.writeStringField("at", Timestamps.utcSeconds(w.at()));
        g.writeStringField("logo_url", "https://assets.track.toggl.com/images/workspace.jpg");
        g.writeStringField("ical_url", "/ical/workspace_user/" + Long.toHexString(w.id() * 0x9E3779B97F4A7C15L));
        g.writeBooleanField("ical_enabled", true);
        g.writeNullField("csv_upload");
        g.writeNullField("subscription");
        g.writeBooleanField("hide_start_end_times", false);
        g.writeNullField("working_hours_in_minutes");
        if (activeProjectCount >= 0) {
            g.writeBooleanField("disable_approvals", false);
            g.writeBooleanField("disable_expenses", false);
            g.writeBooleanField("disable_timesheet_view", false);
            Json.number(g, "max_data_retention_days", w.premium() ? null : 365L * 5);
            g.writeNullField("permissions");
            g.writeObjectFieldStart("te_constraints");
            g.writeBooleanField("description_present", false);
            g.writeBooleanField("project_present", false);
            g.writeBooleanField("tag_present", false);
            g.writeBooleanField("task_present", false);
            g.writeBooleanField("time_entry_constraints_enabled", false);
            g.writeEndObject();
            g.writeNumberField("active_project_count", activeProjectCount);
        }
        g.writeEndObject();
    }

    static void workspaceUser(JsonGenerator g, WorkspaceUser u) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", u.id());
        g.writeNumberField("uid", u.uid());
        g.writeNumberField("wid", u.wid());
        g.writeStringField("name", u.name());
        g.writeStringField("email", u.email());
        g.writeBooleanField("active", u.active());
        g.writeBooleanField("inactive", false);
        g.writeBooleanField("admin", u.admin());
        g.writeBooleanField("organization_admin", u.admin());
        g.writeBooleanField("workspace_admin", u.admin());
        g.writeStringField("role", u.role());
        g.writeNumberField("role_id", u.admin() ? 2 : 3);
        g.writeStringField("at", Timestamps.utcSeconds(u.at()));
        g.writeNullField("avatar_file_name");
        Json.longs(g, "group_ids", List.of());
        g.writeBooleanField("is_direct", true);
        g.writeNullField("rate");
        g.writeNullField("rate_last_updated");
        g.writeNullField("labor_cost");
        g.writeNullField("labor_cost_last_updated");
        g.writeStringField("timezone", u.timezone());
        g.writeNullField("working_hours_in_minutes");
        g.writeBooleanField("view_edit_billable_rates", u.admin());
        g.writeBooleanField("view_edit_labor_costs", u.admin());
        g.writeBooleanField("2fa_enabled", false);
        g.writeNullField("invitation_code");
        g.writeNullField("invite_url");
        g.writeEndObject();
    }

    /** One element of {@code GET /me/quota}; {@code organizationId} null = the user bucket. */
    static void quota(JsonGenerator g, QuotaBuckets.Status s) throws IOException {
        g.writeStartObject();
        Json.number(g, "organization_id", s.organizationId());
        g.writeNumberField("remaining", s.remaining());
        g.writeNumberField("resets_in_secs", s.resetsInSeconds());
        g.writeNumberField("total", s.total());
        g.writeEndObject();
    }
}
