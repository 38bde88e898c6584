package dev.togglsync.toggl;

import static dev.togglsync.schema.ColumnType.BIGINT;
import static dev.togglsync.schema.ColumnType.BOOLEAN;
import static dev.togglsync.schema.ColumnType.DATE;
import static dev.togglsync.schema.ColumnType.DOUBLE;
import static dev.togglsync.schema.ColumnType.JSON;
import static dev.togglsync.schema.ColumnType.TEXT;
import static dev.togglsync.schema.ColumnType.TIMESTAMPTZ;

import dev.togglsync.TogglSyncException;
import dev.togglsync.http.QuotaBucket;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.toggl.Endpoint.Paging;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The streams of the Toggl source (DESIGN.md §4), each declared here and nowhere else: name,
 * description, scope, dependency, endpoint and paging, key, incremental cursor, whether
 * {@code '*'} selects it, what a 402 or a 403 means for it, and its declared columns. The order
 * is the dependency order and the order of {@code '*'}.
 *
 * <p>Everything else asks this catalogue: config and targets take {@link #spec()}, the declared
 * shape; {@link TogglSource} picks how to read a stream with one exhaustive switch over it. A new
 * stream is one declaration here plus whatever the compiler then asks for.
 *
 * <p>Columns follow the API's field order (toggl-api.md §4, observed order first, then the fields
 * only the spec lists). {@code api_token} is a secret and never a column ({@link RecordDecoder}).
 */
public enum TogglStream {
    ME(declare("me", "The token owner's user profile (one row).")
            .scope(Scope.USER)
            .get("/api/v9/me", Paging.SINGLE_OBJECT)
            .key("id")
            .selection(Selection.STAR)
            .on402(Refusal.FAILS)
            .on403(Refusal.BAD_TOKEN)
            .add("id", BIGINT).add("email", TEXT).add("fullname", TEXT).add("timezone", TEXT)
            .add("toggl_accounts_id", TEXT).add("default_workspace_id", BIGINT)
            .add("beginning_of_week", BIGINT).add("image_url", TEXT).add("created_at", TIMESTAMPTZ)
            .add("updated_at", TIMESTAMPTZ).add("openid_email", TEXT).add("openid_enabled", BOOLEAN)
            .add("country_id", BIGINT).add("has_password", BOOLEAN).add("at", TIMESTAMPTZ)
            .add("intercom_hash", TEXT).add("oauth_providers", JSON)
            .add("authorization_updated_at", TIMESTAMPTZ).add("2fa_enabled", BOOLEAN).add("options", JSON)),

    WORKSPACES(declare("workspaces", "The workspaces the user belongs to; feeds the workspace queue.")
            .scope(Scope.USER)
            .get("/api/v9/me/workspaces", Paging.WHOLE_ARRAY)
            .key("id")
            .selection(Selection.STAR)
            .on402(Refusal.FAILS)
            .on403(Refusal.BAD_TOKEN)
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
            .add("active_project_count", BIGINT)),

    PROJECTS(declare("projects", "Projects of each workspace, active and archived.")
            .scope(Scope.WORKSPACE)
            .dependsOn(WORKSPACES)
            // Without active=both the API may omit archived ones.
            .get("/api/v9/workspaces/{workspace_id}/projects", Paging.PAGE_NUMBERED, "active", "both")
            .key("id")
            .selection(Selection.STAR)
            .on402(Refusal.PAID_FEATURE)
            .on403(Refusal.FAILS)
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
            .add("integration_provider", TEXT).add("permissions", JSON).add("total_count", BIGINT)),

    CLIENTS(declare("clients", "Clients of each workspace, active and archived.")
            .scope(Scope.WORKSPACE)
            .dependsOn(WORKSPACES)
            // status defaults to active only: archived clients would be missing.
            .get("/api/v9/workspaces/{workspace_id}/clients", Paging.WHOLE_ARRAY, "status", "both")
            .key("id")
            .selection(Selection.STAR)
            .on402(Refusal.PAID_FEATURE)
            .on403(Refusal.FAILS)
            .add("id", BIGINT).add("wid", BIGINT).add("archived", BOOLEAN).add("name", TEXT)
            .add("at", TIMESTAMPTZ).add("creator_id", BIGINT).add("server_deleted_at", TIMESTAMPTZ)
            .add("external_reference", TEXT).add("notes", TEXT).add("integration_ext_id", TEXT)
            .add("integration_ext_type", TEXT).add("integration_provider", TEXT).add("permissions", JSON)
            .add("total_count", BIGINT)),

    TAGS(declare("tags", "Tags of each workspace.")
            .scope(Scope.WORKSPACE)
            .dependsOn(WORKSPACES)
            .get("/api/v9/workspaces/{workspace_id}/tags", Paging.WHOLE_ARRAY)
            .key("id")
            .selection(Selection.STAR)
            .on402(Refusal.PAID_FEATURE)
            .on403(Refusal.FAILS)
            .add("id", BIGINT).add("workspace_id", BIGINT).add("name", TEXT).add("at", TIMESTAMPTZ)
            .add("creator_id", BIGINT).add("deleted_at", TIMESTAMPTZ).add("integration_ext_id", TEXT)
            .add("integration_ext_type", TEXT).add("integration_provider", TEXT).add("permissions", JSON)),

    TASKS(declare("tasks", "Tasks of each workspace (a paid feature: zero rows on free plans).")
            .scope(Scope.WORKSPACE)
            .dependsOn(WORKSPACES)
            // The one v9 list with an envelope; done tasks only with active=both.
            .get("/api/v9/workspaces/{workspace_id}/tasks", Paging.ENVELOPE, "active", "both")
            .key("id")
            .selection(Selection.STAR)
            .on402(Refusal.PAID_FEATURE)
            .on403(Refusal.FAILS)
            .add("id", BIGINT).add("name", TEXT).add("workspace_id", BIGINT).add("project_id", BIGINT)
            .add("user_id", BIGINT).add("active", BOOLEAN).add("at", TIMESTAMPTZ)
            .add("estimated_seconds", BIGINT).add("tracked_seconds", BIGINT).add("recurring", BOOLEAN)
            .add("rate", DOUBLE).add("rate_last_updated", TIMESTAMPTZ).add("external_reference", TEXT)
            .add("toggl_accounts_id", TEXT).add("integration_ext_id", TEXT)
            .add("integration_ext_type", TEXT).add("integration_provider", TEXT).add("permissions", JSON)
            .add("project_name", TEXT).add("project_color", TEXT).add("project_billable", BOOLEAN)
            .add("project_is_private", BOOLEAN).add("client_id", BIGINT).add("client_name", TEXT)
            .add("user_name", TEXT).add("avatar_url", TEXT).add("server_deleted_at", TIMESTAMPTZ)),

    WORKSPACE_USERS(declare("workspace_users", "Members of each workspace (admins only; other workspaces are skipped).")
            .scope(Scope.WORKSPACE)
            .dependsOn(WORKSPACES)
            .get("/api/v9/workspaces/{workspace_id}/workspace_users", Paging.WHOLE_ARRAY)
            .key("id")
            .selection(Selection.STAR)
            .on402(Refusal.PAID_FEATURE)
            // Workspace members are visible to admins only; a member's 403 is no failure.
            .on403(Refusal.skip("only workspace admins may list its users"))
            .add("id", BIGINT).add("uid", BIGINT).add("wid", BIGINT).add("name", TEXT).add("email", TEXT)
            .add("active", BOOLEAN).add("inactive", BOOLEAN).add("admin", BOOLEAN)
            .add("organization_admin", BOOLEAN).add("workspace_admin", BOOLEAN).add("role", TEXT)
            .add("role_id", BIGINT).add("at", TIMESTAMPTZ).add("avatar_file_name", TEXT)
            .add("group_ids", JSON).add("is_direct", BOOLEAN).add("rate", DOUBLE)
            .add("rate_last_updated", TIMESTAMPTZ).add("labor_cost", DOUBLE)
            .add("labor_cost_last_updated", TIMESTAMPTZ).add("timezone", TEXT)
            .add("working_hours_in_minutes", BIGINT).add("view_edit_billable_rates", BOOLEAN)
            .add("view_edit_labor_costs", BOOLEAN).add("2fa_enabled", BOOLEAN)
            .add("invitation_code", TEXT).add("invite_url", TEXT)),

    TIME_ENTRIES(declare("time_entries", "The token owner's time entries (last ~3 months; deletes kept with server_deleted_at).")
            .scope(Scope.USER)
            // The window (since, or start_date and end_date) depends on the cursor and the clock: TimeEntries.
            .get("/api/v9/me/time_entries", Paging.WHOLE_ARRAY)
            .key("id")
            .incremental("at")
            .selection(Selection.STAR)
            .on402(Refusal.FAILS)
            .on403(Refusal.BAD_TOKEN)
            .add("id", BIGINT).add("workspace_id", BIGINT).add("project_id", BIGINT).add("task_id", BIGINT)
            .add("billable", BOOLEAN).add("start", TIMESTAMPTZ).add("stop", TIMESTAMPTZ)
            .add("duration", BIGINT).add("description", TEXT).add("tags", JSON).add("tag_ids", JSON)
            .add("duronly", BOOLEAN).add("at", TIMESTAMPTZ).add("server_deleted_at", TIMESTAMPTZ)
            .add("user_id", BIGINT).add("uid", BIGINT).add("wid", BIGINT).add("pid", BIGINT)
            .add("tid", BIGINT).add("permissions", JSON).add("expense_ids", JSON).add("shared_with", JSON));

    /** What a stream's requests address: what it iterates, and whose hourly quota they count against. */
    public enum Scope {
        /** The user's own data ({@code /me} paths): the user's bucket. */
        USER(QuotaBucket.Kind.USER),
        /** One workspace per request, from the workspace queue: the bucket of the workspace's organization. */
        WORKSPACE(QuotaBucket.Kind.ORGANIZATION),
        /** One organization per request (the opt-in organization streams of DESIGN.md §4): that organization's bucket. */
        ORGANIZATION(QuotaBucket.Kind.ORGANIZATION);

        private final QuotaBucket.Kind quota;

        Scope(QuotaBucket.Kind quota) {
            this.quota = quota;
        }

        /** Whose hourly quota the requests count against (toggl-api.md §3.2). */
        public QuotaBucket.Kind quota() {
            return quota;
        }
    }

    /** Whether {@code '*'} selects a stream (DESIGN.md §4). */
    public enum Selection {
        /** Part of {@code '*'}: Sling's meaning, the eight streams of DESIGN.md §4. */
        STAR,
        /** Only when named in {@code streams:} or {@code --streams}, so that {@code '*'} keeps its request count. */
        OPT_IN
    }

    private static final List<TogglStream> ALL = List.of(values());
    private static final List<StreamSpec> SPECS = ALL.stream().map(TogglStream::spec).toList();
    private static final List<StreamSpec> STAR = ALL.stream().filter(s -> s.selection == Selection.STAR).map(TogglStream::spec).toList();

    private final StreamSpec spec;
    private final Scope scope;
    /** Null for a stream that depends on none. */
    private final TogglStream dependsOn;
    private final Endpoint endpoint;
    private final Selection selection;
    private final Refusal on402;
    private final Refusal on403;

    TogglStream(Declaration d) {
        this.scope = d.required(d.scope, "scope");
        this.dependsOn = d.dependsOn;
        this.endpoint = d.required(d.endpoint, "endpoint");
        this.selection = d.required(d.selection, "selection");
        this.on402 = d.required(d.on402, "on402");
        this.on403 = d.required(d.on403, "on403");
        this.spec = new StreamSpec(d.name, d.description, Optional.ofNullable(dependsOn).map(TogglStream::streamName),
                d.cursorField.isPresent(), d.cursorField, d.required(d.key, "key"), new TableSchema(d.columns));
    }

    /** The declared shape: name, key, cursor, columns. */
    public StreamSpec spec() {
        return spec;
    }

    /** The name as written in replication YAML. */
    public String streamName() {
        return spec.name();
    }

    public Scope scope() {
        return scope;
    }

    public Selection selection() {
        return selection;
    }

    /** The stream read before this one, whose rows this one iterates. */
    public Optional<TogglStream> dependsOn() {
        return Optional.ofNullable(dependsOn);
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /**
     * What a refusal with this status means for one of this stream's requests. A 401 says the
     * credentials were not accepted at all, whatever the path (toggl-api.md §2); 402 (a paid
     * feature: quota 402s are waited out before they get here) and 403 are the stream's own.
     */
    Refusal refusal(int status) {
        return switch (status) {
            case 401 -> Refusal.BAD_TOKEN;
            case 402 -> on402;
            case 403 -> on403;
            default -> Refusal.FAILS;
        };
    }

    /** Every stream, in dependency order. */
    public static List<TogglStream> all() {
        return ALL;
    }

    /** Every stream's declared shape, in dependency order. */
    public static List<StreamSpec> specs() {
        return SPECS;
    }

    /** What {@code '*'} expands to, in dependency order. */
    public static List<StreamSpec> star() {
        return STAR;
    }

    public static Optional<TogglStream> find(String name) {
        return ALL.stream().filter(s -> s.spec.name().equals(name)).findFirst();
    }

    /** The stream {@code spec} declares; a spec from elsewhere is invalid input naming what is available. */
    public static TogglStream of(StreamSpec spec) {
        return find(spec.name()).orElseThrow(() -> TogglSyncException.invalidInput(
                "stream " + spec.name() + ": not a stream of the Toggl source; available: " + names()));
    }

    /** "me, workspaces, ..." for error messages. */
    public static String names() {
        return ALL.stream().map(TogglStream::streamName).collect(Collectors.joining(", "));
    }

    private static Declaration declare(String name, String description) {
        return new Declaration(name, description);
    }

    /** The facts of one stream as its constant lists them; checked complete when the constant is made. */
    private static final class Declaration {
        final String name;
        final String description;
        final List<Column> columns = new ArrayList<>();
        Scope scope;
        TogglStream dependsOn;
        Endpoint endpoint;
        List<String> key;
        Optional<String> cursorField = Optional.empty();
        Selection selection;
        Refusal on402;
        Refusal on403;

        Declaration(String name, String description) {
            this.name = name;
            this.description = description;
        }

        Declaration scope(Scope scope) {
            this.scope = scope;
            return this;
        }

        Declaration dependsOn(TogglStream stream) {
            this.dependsOn = stream;
            return this;
        }

        /** A GET of {@code path} with fixed query parameters as name, value, name, value, ... */
        Declaration get(String path, Paging paging, String... query) {
            this.endpoint = Endpoint.get(path, paging, query);
            return this;
        }

        Declaration key(String... columns) {
            this.key = Arrays.asList(columns);
            return this;
        }

        /** The API can return only what changed since the maximum of {@code cursorField}. */
        Declaration incremental(String cursorField) {
            this.cursorField = Optional.of(cursorField);
            return this;
        }

        Declaration selection(Selection selection) {
            this.selection = selection;
            return this;
        }

        /** What a 402 naming a feature means; quota 402s are waited out before a stream sees them. */
        Declaration on402(Refusal refusal) {
            this.on402 = refusal;
            return this;
        }

        /** What a 403 means. */
        Declaration on403(Refusal refusal) {
            this.on403 = refusal;
            return this;
        }

        Declaration add(String column, ColumnType type) {
            columns.add(new Column(column, type));
            return this;
        }

        <T> T required(T fact, String what) {
            return Objects.requireNonNull(fact, () -> "stream " + name + ": no " + what + " declared in TogglStream");
        }
    }
}
