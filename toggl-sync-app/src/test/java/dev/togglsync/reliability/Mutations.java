package dev.togglsync.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.simulator.Dataset;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.TimeEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * What a user does in Toggl between two syncs, drawn from a seeded {@link Random}: entries edited
 * (descriptions with the characters bulk loaders trip over), deleted and added, a project renamed,
 * a client archived, a tag added. Tags are never deleted here: Toggl then changes entries without
 * touching their {@code at}, which no incremental sync can see (toggl-api.md §8).
 */
final class Mutations {
    /** Text that COPY's text format, CSV, SQL literals or JSON would mangle if escaped wrongly. */
    static final List<String> AWKWARD = List.of(
            "O'Brien said \"hi\"",
            "tab\there",
            "two\nlines\r\nand CR",
            "back\\slash \\N \\t \\\\",
            "",
            "\\N",
            "ünïcødé ✓ 🎉 日本語",
            "semi; DROP TABLE toggl.time_entries; --",
            "comma, \"quote\", 'single'",
            "nul-free but long " + "x".repeat(3000));

    private Mutations() {}

    static void apply(Simulator sim, Random rnd) {
        Dataset d = sim.dataset();
        List<Long> live = new ArrayList<>(d.timeEntries().filter(e -> e.serverDeletedAt() == null && e.stop() != null)
                .map(TimeEntry::id).toList());
        Collections.shuffle(live, rnd);
        for (int i = 0; i < 5; i++) {
            String text = AWKWARD.get(rnd.nextInt(AWKWARD.size()));
            d.updateTimeEntry(live.get(i), e -> e.withDescription(text));
        }
        // Two of the entries just edited among the deletes: an edit and a delete between two syncs.
        for (int i = 3; i < 7; i++) {
            d.deleteTimeEntry(live.get(i));
        }
        for (int i = 0; i < 3; i++) {
            d.addTimeEntry(Dataset.PREMIUM_WORKSPACE_ID,
                    d.now().minus(Duration.ofHours(2 + rnd.nextInt(24 * 30))).minusSeconds(rnd.nextInt(3600)),
                    Duration.ofMinutes(5 + rnd.nextInt(120)));
        }
        List<ObjectNode> projects = d.projects(Dataset.PREMIUM_WORKSPACE_ID);
        if (!projects.isEmpty()) {
            long id = projects.get(rnd.nextInt(projects.size())).get("id").asLong();
            String name = AWKWARD.get(rnd.nextInt(AWKWARD.size())) + " " + rnd.nextInt(1000);
            d.updateProject(id, p -> p.withName(name));
        }
        List<ObjectNode> clients = d.clients(Dataset.PREMIUM_WORKSPACE_ID);
        if (!clients.isEmpty()) {
            d.archiveClient(clients.get(rnd.nextInt(clients.size())).get("id").asLong());
        }
        d.addTag(Dataset.FREE_WORKSPACE_ID, "tag " + rnd.nextInt(1_000_000));
    }
}
