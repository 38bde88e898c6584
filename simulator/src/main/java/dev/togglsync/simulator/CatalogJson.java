package dev.togglsync.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Projects, clients, tags and tasks in the key order of toggl-api.md §4.4–§4.7 and the recorded samples. */
final class CatalogJson {
    private CatalogJson() {}

    static void project(JsonGenerator g, Project p) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", p.id());
        g.writeNumberField("workspace_id", p.workspaceId());
        Json.number(g, "client_id", p.clientId());
        g.writeStringField("name", p.name());
        g.writeBooleanField("is_private", p.isPrivate());
        g.writeBooleanField("active", p.active());
        g.writeStringField("at", Timestamps.utcSeconds(p.at()));
        g.writeStringField("created_at", Timestamps.utcSeconds(p.createdAt()));
        g.writeNullField("server_deleted_at");
        g.writeStringField("color", p.color());
        g.writeBooleanField("billable", p.billable());
        g.writeNullField("template");
        g.writeNullField("auto_estimates");
        g.writeNullField("estimated_hours");
        g.writeNullField("estimated_seconds");
        Json.number(g, "rate", p.rate());
        Json.time(g, "rate_last_updated", p.rate() == null ? null : p.at(), Timestamps::utcSeconds);
        Json.string(g, "currency", p.currency());
        g.writeBooleanField("recurring", false);
        g.writeNullField("template_id");
        g.writeNullField("recurring_parameters");
        g.writeNullField("fixed_fee");
        g.writeNumberField("actual_hours", p.actualSeconds() / 3600);
        g.writeNumberField("actual_seconds", p.actualSeconds());
        g.writeNullField("tasks_count");
        g.writeBooleanField("can_track_time", true);
        g.writeStringField("start_date", Timestamps.date(p.startDate()));
        g.writeStringField("status", p.status());
        g.writeNumberField("wid", p.workspaceId());
        Json.number(g, "cid", p.clientId());
        g.writeBooleanField("is_shared", false);
        g.writeBooleanField("pinned", p.pinned());
        g.writeEndObject();
    }

    static void client(JsonGenerator g, Client c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", c.id());
        g.writeNumberField("wid", c.workspaceId());
        g.writeBooleanField("archived", c.archived());
        g.writeStringField("name", c.name());
        g.writeStringField("at", Timestamps.utcSeconds(c.at()));
        g.writeNumberField("creator_id", c.creatorId());
        g.writeEndObject();
    }

    /** {@code deleted_at} is omitted while null (toggl-api.md §7.5). */
    static void tag(JsonGenerator g, Tag t) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", t.id());
        g.writeNumberField("workspace_id", t.workspaceId());
        g.writeStringField("name", t.name());
        g.writeStringField("at", Timestamps.utcMicros(t.at()));
        g.writeNumberField("creator_id", t.creatorId());
        if (t.deletedAt() != null) {
            g.writeStringField("deleted_at", Timestamps.utcMicros(t.deletedAt()));
        }
        g.writeEndObject();
    }

    static void task(JsonGenerator g, Task t, Catalog.State catalog) throws IOException {
        Project p = catalog.projects().get(t.projectId());
        Client c = p == null || p.clientId() == null ? null : catalog.clients().get(p.clientId());
        g.writeStartObject();
        g.writeNumberField("id", t.id());
        g.writeStringField("name", t.name());
        g.writeNumberField("workspace_id", t.workspaceId());
        g.writeNumberField("project_id", t.projectId());
        Json.number(g, "user_id", t.userId());
        g.writeBooleanField("active", t.active());
        g.writeStringField("at", Timestamps.utcSeconds(t.at()));
        Json.number(g, "estimated_seconds", t.estimatedSeconds());
        g.writeNumberField("tracked_seconds", t.trackedMillis());
        g.writeBooleanField("recurring", false);
        g.writeNumberField("rate", 0.0);
        g.writeNullField("rate_last_updated");
        g.writeNullField("external_reference");
        g.writeNullField("toggl_accounts_id");
        g.writeNullField("integration_ext_id");
        g.writeNullField("integration_ext_type");
        g.writeNullField("integration_provider");
        g.writeNullField("permissions");
        Json.string(g, "project_name", p == null ? null : p.name());
        Json.string(g, "project_color", p == null ? null : p.color());
        g.writeBooleanField("project_billable", p != null && p.billable());
        g.writeBooleanField("project_is_private", p != null && p.isPrivate());
        Json.number(g, "client_id", c == null ? null : c.id());
        Json.string(g, "client_name", c == null ? null : c.name());
        Json.string(g, "user_name", t.userId() == null ? null : catalog.user().fullname());
        Json.string(g, "avatar_url", t.userId() == null ? null : AccountJson.AVATAR_URL);
        g.writeEndObject();
    }
}
