package dev.togglsync.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Time entries as {@code /me/time_entries} (toggl-api.md §4.9.4) and Reports v3 (§5) spell them:
 * key order as observed, {@code pid}/{@code tid} omitted when null, {@code start} without a
 * fraction but {@code at} with microseconds.
 */
final class TimeEntryJson {
    // A million-entry response writes each key a million times: keys pre-encoded once.
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString WORKSPACE_ID = new SerializedString("workspace_id");
    private static final SerializedString PROJECT_ID = new SerializedString("project_id");
    private static final SerializedString TASK_ID = new SerializedString("task_id");
    private static final SerializedString BILLABLE = new SerializedString("billable");
    private static final SerializedString START = new SerializedString("start");
    private static final SerializedString STOP = new SerializedString("stop");
    private static final SerializedString DURATION = new SerializedString("duration");
    private static final SerializedString DESCRIPTION = new SerializedString("description");
    private static final SerializedString TAGS = new SerializedString("tags");
    private static final SerializedString TAG_IDS = new SerializedString("tag_ids");
    private static final SerializedString DURONLY = new SerializedString("duronly");
    private static final SerializedString AT = new SerializedString("at");
    private static final SerializedString SERVER_DELETED_AT = new SerializedString("server_deleted_at");
    private static final SerializedString USER_ID = new SerializedString("user_id");
    private static final SerializedString UID = new SerializedString("uid");
    private static final SerializedString WID = new SerializedString("wid");
    private static final SerializedString PID = new SerializedString("pid");
    private static final SerializedString TID = new SerializedString("tid");

    private TimeEntryJson() {}

    static void entry(JsonGenerator g, TimeEntry e, Catalog.State catalog, boolean meta) throws IOException {
        List<Long> tagIds = liveTags(e, catalog);
        g.writeStartObject();
        g.writeFieldName(ID);
        g.writeNumber(e.id());
        g.writeFieldName(WORKSPACE_ID);
        g.writeNumber(e.workspaceId());
        number(g, PROJECT_ID, e.projectId());
        number(g, TASK_ID, e.taskId());
        g.writeFieldName(BILLABLE);
        g.writeBoolean(e.billable());
        g.writeFieldName(START);
        g.writeString(Timestamps.utcSeconds(e.start()));
        string(g, STOP, e.stop() == null ? null : Timestamps.utcSeconds(e.stop()));
        g.writeFieldName(DURATION);
        g.writeNumber(e.duration());
        string(g, DESCRIPTION, e.description());
        g.writeFieldName(TAGS);
        g.writeStartArray();
        for (Long id : tagIds) {
            g.writeString(catalog.tags().get(id).name());
        }
        g.writeEndArray();
        g.writeFieldName(TAG_IDS);
        g.writeStartArray();
        for (Long id : tagIds) {
            g.writeNumber(id.longValue());
        }
        g.writeEndArray();
        g.writeFieldName(DURONLY);
        g.writeBoolean(true);
        g.writeFieldName(AT);
        g.writeString(Timestamps.utcMicros(e.at()));
        string(g, SERVER_DELETED_AT, e.serverDeletedAt() == null ? null : Timestamps.utcSeconds(e.serverDeletedAt()));
        g.writeFieldName(USER_ID);
        g.writeNumber(e.userId());
        g.writeFieldName(UID);
        g.writeNumber(e.userId());
        g.writeFieldName(WID);
        g.writeNumber(e.workspaceId());
        if (e.projectId() != null) {
            g.writeFieldName(PID);
            g.writeNumber(e.projectId().longValue());
        }
        if (e.taskId() != null) {
            g.writeFieldName(TID);
            g.writeNumber(e.taskId().longValue());
        }
        if (meta) {
            meta(g, e, catalog);
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, SerializedString field, String value) throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void number(JsonGenerator g, SerializedString field, Long value) throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value.longValue());
        }
    }

    /** {@code meta=true} appends names after the legacy keys (get_me_time_entries_start_end_meta.json). */
    private static void meta(JsonGenerator g, TimeEntry e, Catalog.State catalog) throws IOException {
        Project p = e.projectId() == null ? null : catalog.projects().get(e.projectId());
        if (p != null) {
            Client c = p.clientId() == null ? null : catalog.clients().get(p.clientId());
            if (c != null) {
                g.writeStringField("client_name", c.name());
            }
            g.writeStringField("project_name", p.name());
            g.writeStringField("project_color", p.color());
            g.writeBooleanField("project_active", p.active());
            g.writeBooleanField("project_billable", p.billable());
        }
        g.writeStringField("user_name", catalog.user().fullname());
        g.writeStringField("user_avatar_url", AccountJson.AVATAR_URL);
    }

    /**
     * One Reports v3 detailed row (ungrouped: one entry per row). {@code start}/{@code stop}/{@code at_tz}
     * carry the user's offset, {@code at} is UTC; durations are seconds.
     */
    static void reportRow(JsonGenerator g, TimeEntry e, long rowNumber, Catalog.State catalog, boolean enrich)
            throws IOException {
        ZoneId zone = catalog.user().timezone();
        List<Long> tagIds = liveTags(e, catalog);
        Project p = e.projectId() == null ? null : catalog.projects().get(e.projectId());
        Task task = e.taskId() == null ? null : catalog.tasks().get(e.taskId());
        Double rate = e.billable() && p != null ? p.rate() : null;
        g.writeStartObject();
        g.writeNumberField("user_id", e.userId());
        g.writeStringField("username", username(e, catalog));
        if (enrich) {
            g.writeStringField("email", catalog.user().email());
        }
        Json.number(g, "project_id", e.projectId());
        if (enrich) {
            Json.string(g, "project_name", p == null ? null : p.name());
            Json.string(g, "project_color", p == null ? null : p.color());
            Json.string(g, "project_hex", p == null ? null : p.color());
            Client c = p == null || p.clientId() == null ? null : catalog.clients().get(p.clientId());
            Json.string(g, "client_name", c == null ? null : c.name());
        }
        Json.number(g, "task_id", e.taskId());
        if (enrich) {
            Json.string(g, "task_name", task == null ? null : task.name());
        }
        g.writeBooleanField("billable", e.billable());
        g.writeStringField("description", e.description() == null ? "" : e.description());
        Json.longs(g, "tag_ids", tagIds);
        if (enrich) {
            Json.strings(g, "tag_names", tagIds.stream().map(id -> catalog.tags().get(id).name()).toList());
        }
        long seconds = e.duration();
        Json.number(g, "billable_amount_in_cents", rate == null ? null : Math.round(rate * 100 * seconds / 3600.0));
        Json.number(g, "hourly_rate_in_cents", rate == null ? null : Math.round(rate * 100));
        g.writeStringField("currency", catalog.workspace(e.workspaceId()).map(Account.Workspace::defaultCurrency).orElse("USD"));
        g.writeNumberField("row_number", rowNumber);
        g.writeArrayFieldStart("time_entries");
        g.writeStartObject();
        g.writeNumberField("id", e.id());
        g.writeNumberField("seconds", seconds);
        g.writeStringField("start", Timestamps.zoned(e.start(), zone));
        g.writeStringField("stop", Timestamps.zoned(e.stop(), zone));
        g.writeStringField("at", Timestamps.utcSeconds(e.at()));
        g.writeStringField("at_tz", Timestamps.zoned(e.at(), zone));
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * The columns of report_time_entries for one entry: the report row's fields with its one
     * {@code time_entries[]} element lifted up (ground truth for tests; same values as {@link #reportRow}).
     */
    static void reportRowFlat(JsonGenerator g, TimeEntry e, Catalog.State catalog) throws IOException {
        ZoneId zone = catalog.user().timezone();
        Project p = e.projectId() == null ? null : catalog.projects().get(e.projectId());
        Double rate = e.billable() && p != null ? p.rate() : null;
        long seconds = e.duration();
        g.writeStartObject();
        g.writeNumberField("id", e.id());
        g.writeNumberField("workspace_id", e.workspaceId());
        g.writeNumberField("user_id", e.userId());
        g.writeStringField("username", username(e, catalog));
        Json.number(g, "project_id", e.projectId());
        Json.number(g, "task_id", e.taskId());
        g.writeBooleanField("billable", e.billable());
        g.writeStringField("description", e.description() == null ? "" : e.description());
        Json.longs(g, "tag_ids", liveTags(e, catalog));
        g.writeStringField("start", Timestamps.zoned(e.start(), zone));
        g.writeStringField("stop", Timestamps.zoned(e.stop(), zone));
        g.writeNumberField("seconds", seconds);
        g.writeStringField("at", Timestamps.utcSeconds(e.at()));
        Json.number(g, "hourly_rate_in_cents", rate == null ? null : Math.round(rate * 100));
        Json.number(g, "billable_amount_in_cents", rate == null ? null : Math.round(rate * 100 * seconds / 3600.0));
        g.writeStringField("currency", catalog.workspace(e.workspaceId()).map(Account.Workspace::defaultCurrency).orElse("USD"));
        g.writeEndObject();
    }

    /** The member's name as the workspace knows it; the owner's profile name when not a listed member. */
    private static String username(TimeEntry e, Catalog.State catalog) {
        if (e.userId() == catalog.user().id()) {
            return catalog.user().fullname();
        }
        return catalog.workspaceUsers(e.workspaceId()).stream().filter(u -> u.uid() == e.userId())
                .map(Account.WorkspaceUser::name).findFirst().orElse(catalog.user().fullname());
    }

    /** Deleting a tag strips it from entries without touching their {@code at} (toggl-api.md §4.6). */
    private static List<Long> liveTags(TimeEntry e, Catalog.State catalog) {
        if (e.tagIds().isEmpty()) {
            return e.tagIds();
        }
        List<Long> live = new ArrayList<>(e.tagIds().size());
        for (Long id : e.tagIds()) {
            if (catalog.tagExists(id)) {
                live.add(id);
            }
        }
        return live;
    }
}
