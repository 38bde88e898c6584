package dev.togglsync.schema;

import static dev.togglsync.schema.ColumnType.BIGINT;
import static dev.togglsync.schema.ColumnType.BOOLEAN;
import static dev.togglsync.schema.ColumnType.DATE;
import static dev.togglsync.schema.ColumnType.DOUBLE;
import static dev.togglsync.schema.ColumnType.JSON;
import static dev.togglsync.schema.ColumnType.TEXT;
import static dev.togglsync.schema.ColumnType.TIMESTAMPTZ;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The eight streams of DESIGN.md §4 in dependency order, with their declared schemas. Column
 * names and order follow the API's field order (toggl-api.md §4, observed order first, then the
 * fields only the spec lists). Fields in {@link #DROPPED_FIELDS} are secrets and never become columns.
 */
public final class Streams {
    /** Fields never stored anywhere: the API returns the user's token on /me and on workspaces. */
    public static final Set<String> DROPPED_FIELDS = Set.of("api_token");

    public static final StreamSpec ME = new StreamSpec(
            "me",
            "The token owner's user profile (one row).",
            Optional.empty(),
            false,
            Optional.empty(),
            List.of("id"),
            new Cols()
                    .add("id", BIGINT).add("email", TEXT).add("fullname", TEXT).add("timezone", TEXT)
                    .add("toggl_accounts_id", TEXT).add("default_workspace_id", BIGINT)
                    .add("beginning_of_week", BIGINT).add("image_url", TEXT).add("created_at", TIMESTAMPTZ)
                    .add("updated_at", TIMESTAMPTZ).add("openid_email", TEXT).add("openid_enabled", BOOLEAN)
                    .add("country_id", BIGINT).add("has_password", BOOLEAN).add("at", TIMESTAMPTZ)
                    .add("intercom_hash", TEXT).add("oauth_providers", JSON)
                    .add("authorization_updated_at", TIMESTAMPTZ).add("2fa_enabled", BOOLEAN).add("options", JSON)
                    .schema());

    public static final StreamSpec WORKSPACES = new StreamSpec(
            "workspaces",
            "The workspaces the user belongs to; feeds the workspace queue.",
            Optional.empty(),
            false,
            Optional.empty(),
            List.of("id"),
            new Cols()
                    .add("id", BIGINT).add("organization_id", BIGINT).add("name", TEXT).add("premium", BOOLEAN)
                    .add("business_ws", BOOLEAN).add("admin", BOOLEAN).add("role", TEXT)
                    .add("suspended_at", TIMESTAMPTZ).add("server_deleted_at", TIMESTAMPTZ)
                    .add("default_hourly_rate", DOUBLE).add("rate_last_updated", TIMESTAMPTZ)
                    .add("default_currency", TEXT).add("only_admins_may_create_projects", BOOLEAN)
                    .add("only_admins_may_create_tags", BOOLEAN).add("only_admins_see_billable_rates", BOOLEAN)
                    .add("only_admins_see_team_dashboard", BOOLEAN).add("projects_billable_by_default", BOOLEAN)
                    .add("projects_private_by_default", BOOLEAN).add("projects_enforce_billable", BOOLEAN)
                    .add("limit_public_project_data", BOOLEAN).add("last_modified", TIMESTAMPTZ)
                    .add("reports_collapse", BOOLEAN).add("rounding", BIGINT).add("rounding_minutes", BIGINT)
                    .add("at", TIMESTAMPTZ).add("logo_url", TEXT).add("ical_url", TEXT).add("ical_enabled", BOOLEAN)
                    .add("csv_upload", JSON).add("subscription", JSON).add("hide_start_end_times", BOOLEAN)
                    .add("working_hours_in_minutes", BIGINT).add("disable_approvals", BOOLEAN)
                    .add("disable_expenses", BOOLEAN).add("disable_timesheet_view", BOOLEAN)
                    .add("max_data_retention_days", BIGINT).add("permissions", JSON).add("te_constraints", JSON)
                    .add("active_project_count", BIGINT)
                    .schema());

    public static final StreamSpec PROJECTS = new StreamSpec(
            "projects",
            "Projects of each workspace, active and archived.",
            Optional.of("workspaces"),
            false,
            Optional.empty(),
            List.of("id"),
            new Cols()
                    .add("id", BIGINT).add("workspace_id", BIGINT).add("client_id", BIGINT).add("name", TEXT)
                    .add("is_private", BOOLEAN).add("active", BOOLEAN).add("at", TIMESTAMPTZ)
                    .add("created_at", TIMESTAMPTZ).add("server_deleted_at", TIMESTAMPTZ).add("color", TEXT)
                    .add("billable", BOOLEAN).add("template", BOOLEAN).add("auto_estimates", BOOLEAN)
                    .add("estimated_hours", BIGINT).add("estimated_seconds", BIGINT).add("rate", DOUBLE)
                    .add("rate_last_updated", TIMESTAMPTZ).add("currency", TEXT).add("recurring", BOOLEAN)
                    .add("template_id", BIGINT).add("recurring_parameters", JSON).add("fixed_fee", DOUBLE)
                    .add("actual_hours", BIGINT).add("actual_seconds", BIGINT).add("tasks_count", BIGINT)
                    .add("can_track_time", BOOLEAN).add("start_date", DATE).add("status", TEXT).add("wid", BIGINT)
                    .add("cid", BIGINT).add("is_shared", BOOLEAN).add("pinned", BOOLEAN).add("end_date", DATE)
                    .add("client_name", TEXT).add("current_period", JSON).add("external_reference", TEXT)
                    .add("integration_ext_id", TEXT).add("integration_ext_type", TEXT)
                    .add("integration_provider", TEXT).add("permissions", JSON).add("total_count", BIGINT)
                    .schema());

    public static final StreamSpec CLIENTS = new StreamSpec(
            "clients",
            "Clients of each workspace, active and archived.",
            Optional.of("workspaces"),
            false,
            Optional.empty(),
            List.of("id"),
            new Cols()
                    .add("id", BIGINT).add("wid", BIGINT).add("archived", BOOLEAN).add("name", TEXT)
                    .add("at", TIMESTAMPTZ).add("creator_id", BIGINT).add("server_deleted_at", TIMESTAMPTZ)
                    .add("external_reference", TEXT).add("notes", TEXT).add("integration_ext_id", TEXT)
                    .add("integration_ext_type", TEXT).add("integration_provider", TEXT).add("permissions", JSON)
                    .add("total_count", BIGINT)
                    .schema());

    public static final StreamSpec TAGS = new StreamSpec(
            "tags",
            "Tags of each workspace.",
            Optional.of("workspaces"),
            false,
            Optional.empty(),
            List.of("id"),
            new Cols()
                    .add("id", BIGINT).add("workspace_id", BIGINT).add("name", TEXT).add("at", TIMESTAMPTZ)
                    .add("creator_id", BIGINT).add("deleted_at", TIMESTAMPTZ).add("integration_ext_id", TEXT)
                    .add("integration_ext_type", TEXT).add("integration_provider", TEXT).add("permissions", JSON)
                    .schema());

    public static final StreamSpec TASKS = new StreamSpec(
            "tasks",
            "Tasks of each workspace (a paid feature: zero rows on free plans).",
            Optional.of("workspaces"),
            false,
            Optional.empty(),
            List.of("id"),
            new Cols()
                    .add("id", BIGINT).add("name", TEXT).add("workspace_id", BIGINT).add("project_id", BIGINT)
                    .add("user_id", BIGINT).add("active", BOOLEAN).add("at", TIMESTAMPTZ)
                    .add("estimated_seconds", BIGINT).add("tracked_seconds", BIGINT).add("recurring", BOOLEAN)
                    .add("rate", DOUBLE).add("rate_last_updated", TIMESTAMPTZ).add("external_reference", TEXT)
                    .add("toggl_accounts_id", TEXT).add("integration_ext_id", TEXT)
                    .add("integration_ext_type", TEXT).add("integration_provider", TEXT).add("permissions", JSON)
                    .add("project_name", TEXT).add("project_color", TEXT).add("project_billable", BOOLEAN)
                    .add("project_is_private", BOOLEAN).add("client_id", BIGINT).add("client_name", TEXT)
                    .add("user_name", TEXT).add("avatar_url", TEXT).add("server_deleted_at", TIMESTAMPTZ)
                    .schema());

    public static final StreamSpec WORKSPACE_USERS = new StreamSpec(
            "workspace_users",
            "Members of each workspace (admins only; other workspaces are skipped).",
            Optional.of("workspaces"),
            false,
            Optional.empty(),
            List.of("id"),
            new Cols()
                    .add("id", BIGINT).add("uid", BIGINT).add("wid", BIGINT).add("name", TEXT).add("email", TEXT)
                    .add("active", BOOLEAN).add("inactive", BOOLEAN).add("admin", BOOLEAN)
                    .add("organization_admin", BOOLEAN).add("workspace_admin", BOOLEAN).add("role", TEXT)
                    .add("role_id", BIGINT).add("at", TIMESTAMPTZ).add("avatar_file_name", TEXT)
                    .add("group_ids", JSON).add("is_direct", BOOLEAN).add("rate", DOUBLE)
                    .add("rate_last_updated", TIMESTAMPTZ).add("labor_cost", DOUBLE)
                    .add("labor_cost_last_updated", TIMESTAMPTZ).add("timezone", TEXT)
                    .add("working_hours_in_minutes", BIGINT).add("view_edit_billable_rates", BOOLEAN)
                    .add("view_edit_labor_costs", BOOLEAN).add("2fa_enabled", BOOLEAN)
                    .add("invitation_code", TEXT).add("invite_url", TEXT)
                    .schema());

    public static final StreamSpec TIME_ENTRIES = new StreamSpec(
            "time_entries",
            "The token owner's time entries (last ~3 months; deletes kept with server_deleted_at).",
            Optional.empty(),
            true,
            Optional.of("at"),
            List.of("id"),
            new Cols()
                    .add("id", BIGINT).add("workspace_id", BIGINT).add("project_id", BIGINT).add("task_id", BIGINT)
                    .add("billable", BOOLEAN).add("start", TIMESTAMPTZ).add("stop", TIMESTAMPTZ)
                    .add("duration", BIGINT).add("description", TEXT).add("tags", JSON).add("tag_ids", JSON)
                    .add("duronly", BOOLEAN).add("at", TIMESTAMPTZ).add("server_deleted_at", TIMESTAMPTZ)
                    .add("user_id", BIGINT).add("uid", BIGINT).add("wid", BIGINT).add("pid", BIGINT)
                    .add("tid", BIGINT).add("permissions", JSON).add("expense_ids", JSON).add("shared_with", JSON)
                    .schema());

    /** All streams, in dependency order: what {@code '*'} expands to. */
    public static final List<StreamSpec> ALL =
            List.of(ME, WORKSPACES, PROJECTS, CLIENTS, TAGS, TASKS, WORKSPACE_USERS, TIME_ENTRIES);

    private Streams() {}

    public static Optional<StreamSpec> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** "me, workspaces, ..." for error messages. */
    public static String names() {
        return ALL.stream().map(StreamSpec::name).collect(Collectors.joining(", "));
    }

    private static final class Cols {
        private final List<Column> columns = new ArrayList<>();

        Cols add(String name, ColumnType type) {
            columns.add(new Column(name, type));
            return this;
        }

        TableSchema schema() {
            return new TableSchema(columns);
        }
    }
}
