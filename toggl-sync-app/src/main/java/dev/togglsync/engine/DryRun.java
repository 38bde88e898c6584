package dev.togglsync.engine;

import dev.togglsync.config.Connection;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.Target;
import dev.togglsync.toggl.PlannedRequest;
import dev.togglsync.toggl.ReadRequest;
import dev.togglsync.toggl.SourceOptions;
import dev.togglsync.toggl.TogglSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a run would do ({@code run --dry-run}), from the same plan, with nothing sent to Toggl. The
 * requests come from the source's own {@link TogglSource#plan}, so they are the ones a run sends
 * first; counts of workspaces and pages are known only while reading, so those show as templates.
 * The target is asked for stored cursors (a missing DuckDB file is not created): that decides what
 * an incremental stream asks for, as in a run ({@link ReadRequests}).
 *
 * @param target the target as its messages name it
 * @param steps the streams in the order a run takes them
 */
public record DryRun(TogglConnection source, String target, List<Step> steps) {
    public DryRun {
        steps = List.copyOf(steps);
    }

    /** One stream of the plan and the requests it adds (a request several streams need is sent once, listed once). */
    public record Step(PlannedLoad load, ReadRequest read, List<PlannedRequest> requests) {
        public Step {
            requests = List.copyOf(requests);
        }
    }

    /** Requests sent once per run: the /me paths, against the user's quota. */
    public long userRequests() {
        return steps.stream().flatMap(s -> s.requests().stream()).filter(r -> r.repeat() == PlannedRequest.Repeat.ONCE).count();
    }

    /** Requests sent at least once per workspace, against its organization's quota. */
    public long perWorkspaceRequests() {
        return steps.stream().flatMap(s -> s.requests().stream()).filter(r -> r.repeat() != PlannedRequest.Repeat.ONCE).count();
    }

    static DryRun plan(TogglConnection source, Connection target, List<PlannedLoad> loads, Clock clock) {
        List<Optional<StreamState>> stored = new ArrayList<>();
        String targetName = StateTargets.describe(target);
        Optional<Target> opened = StateTargets.openExisting(target, clock);
        if (opened.isPresent()) {
            try (Target t = opened.get()) {
                targetName = t.describe();
                for (PlannedLoad load : loads) {
                    stored.add(t.state(source.name(), load.name()));
                }
            }
        } else {
            loads.forEach(load -> stored.add(Optional.empty()));
        }
        List<Step> steps = new ArrayList<>();
        Set<PlannedRequest> seen = new LinkedHashSet<>();
        // Constructing a source opens no connection; plan() only describes requests.
        try (TogglSource toggl = new TogglSource(source.account(), SourceOptions.defaults().withClock(clock))) {
            for (int i = 0; i < loads.size(); i++) {
                PlannedLoad load = loads.get(i);
                ReadRequest read = ReadRequests.forLoad(load, stored.get(i));
                List<PlannedRequest> added = new ArrayList<>();
                for (PlannedRequest r : toggl.plan(load.stream().spec(), read)) {
                    if (seen.add(r)) {
                        added.add(r);
                    }
                }
                steps.add(new Step(load, read, added));
            }
        }
        return new DryRun(source, targetName, steps);
    }
}
