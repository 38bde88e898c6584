package dev.togglsync.cli;

import dev.togglsync.simulator.Dataset;
import dev.togglsync.simulator.TimeEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * What "happens in Toggl" between two demos: a few edits, a delete and new entries, made in the
 * simulator before the second sync so that its incremental read of time_entries has changes to
 * find (the delete comes back with server_deleted_at set). The edited entries are the newest
 * stopped ones, so every repeated demo changes the same ids.
 */
final class DemoChanges {
    static final int EDITED = 2;
    static final int DELETED = 1;
    static final int ADDED = 2;

    private DemoChanges() {}

    /** Applies the changes at the dataset's now; returns a phrase saying what changed. */
    static String apply(Dataset dataset) {
        List<TimeEntry> newest = dataset.timeEntries()
                .filter(e -> !e.running() && !e.deleted())
                .sorted(Comparator.comparing(TimeEntry::start).reversed().thenComparing(TimeEntry::id))
                .limit(EDITED + DELETED)
                .toList();
        for (TimeEntry e : newest.subList(0, EDITED)) {
            dataset.updateTimeEntry(e.id(), t -> t.withDescription(
                    (t.description() == null ? "" : t.description() + " ") + "(edited after the last demo)"));
        }
        dataset.deleteTimeEntry(newest.get(EDITED).id());
        TimeEntry template = newest.get(0);
        Instant now = dataset.now().truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < ADDED; i++) {
            Instant start = now.minus(Duration.ofMinutes(90L * (ADDED - i)));
            dataset.addTimeEntry(template.workspaceId(), start, Duration.ofMinutes(75),
                    t -> t.withProjectId(template.projectId()).withDescription("Demo: tracked after the last demo"));
        }
        return "edited " + EDITED + " time entries, deleted " + DELETED + ", added " + ADDED;
    }
}
