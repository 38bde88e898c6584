package dev.togglsync.simulator;

import dev.togglsync.simulator.Account.Workspace;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;

/** {@code /me}, {@code /me/workspaces}, {@code /me/organizations} and {@code /me/quota} (toggl-api.md §4.1–§4.3, §3.2). */
final class MeHandlers {
    private final Dataset dataset;
    private final QuotaBuckets quota;

    MeHandlers(Dataset dataset, QuotaBuckets quota) {
        this.dataset = dataset;
        this.quota = quota;
    }

    void me(Call call) throws IOException {
        Catalog.State s = dataset.catalog();
        if (!"true".equals(call.param("with_related_data").orElse("false"))) {
            call.json(200, g -> AccountJson.me(g, s.user()));
            return;
        }
        // Related data sits before authorization_updated_at (get_me_with_related_data.json).
        Iterator<TimeEntry> recent = dataset.entries().startedIn(dataset.now().minus(Duration.ofDays(9)), null, true);
        call.json(200, g -> {
            AccountJson.meHead(g, s.user());
            g.writeArrayFieldStart("tags");
            for (Workspace w : s.workspaces()) {
                for (Tag t : s.tags(w.id())) {
                    CatalogJson.tag(g, t);
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("clients");
            for (Client c : s.clients().values()) {
                CatalogJson.client(g, c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("time_entries");
            while (recent.hasNext()) {
                TimeEntry e = recent.next();
                if (!e.deleted()) {
                    TimeEntryJson.entry(g, e, s, false);
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("projects");
            for (Project p : s.projects().values()) {
                CatalogJson.project(g, p);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("workspaces");
            for (Workspace w : s.workspaces()) {
                AccountJson.workspace(g, w, s.user().apiToken(), -1);
            }
            g.writeEndArray();
            AccountJson.meTail(g, s.user());
        });
    }

    void workspaces(Call call) throws IOException {
        Catalog.State s = dataset.catalog();
        Optional<Instant> since = Params.unixSeconds(call, "since");
        call.json(200, g -> {
            g.writeStartArray();
            for (Workspace w : s.workspaces()) {
                if (since.isEmpty() || !w.at().isBefore(since.get())) {
                    AccountJson.workspace(g, w, s.user().apiToken(), Dataset.activeProjects(s, w.id()));
                }
            }
            g.writeEndArray();
        });
    }

    void organizations(Call call) throws IOException {
        Catalog.State s = dataset.catalog();
        call.json(200, Json.array(s.organizations(), AccountJson::organization));
    }

    void quota(Call call) throws IOException {
        call.json(200, Json.array(quota.all(), AccountJson::quota));
    }

}
