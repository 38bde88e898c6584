package dev.togglsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.config.Connection;
import dev.togglsync.config.ConnectionEntry;
import dev.togglsync.config.Mode;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.engine.PlannedLoad;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.Target;
import dev.togglsync.toggl.PlannedRequest;
import dev.togglsync.toggl.ReadRequest;
import dev.togglsync.toggl.SourceOptions;
import dev.togglsync.toggl.TogglSource;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code run --dry-run}: what a run would do, from the same plan, with nothing sent to Toggl. The
 * requests come from the source's own {@link TogglSource#plan}, so they are the ones a run sends
 * first; counts of workspaces and pages are known only while reading, so those show as templates.
 * The target is asked for stored cursors (a missing DuckDB file is not created): that decides what
 * an incremental stream asks for.
 */
final class DryRun {
    /** One stream of the plan and the requests it adds (a request several streams need is sent once, listed once). */
    record Step(PlannedLoad load, ReadRequest read, List<PlannedRequest> requests) {}

    private final TogglConnection source;
    private final List<Step> steps;
    private final String targetName;

    private DryRun(TogglConnection source, String targetName, List<Step> steps) {
        this.source = source;
        this.targetName = targetName;
        this.steps = steps;
    }

    static DryRun plan(TogglConnection source, Connection target, List<PlannedLoad> loads, Clock clock) {
        Map<String, StreamState> states = new HashMap<>();
        String targetName = StateTargets.describe(target);
        Optional<Target> opened = StateTargets.openExisting(target, clock);
        if (opened.isPresent()) {
            try (Target t = opened.get()) {
                targetName = t.describe();
                for (PlannedLoad load : loads) {
                    t.state(source.name(), load.name()).ifPresent(s -> states.put(load.name(), s));
                }
            }
        }
        List<Step> steps = new ArrayList<>();
        Set<PlannedRequest> seen = new LinkedHashSet<>();
        // Constructing a source opens no connection; plan() only describes requests.
        try (TogglSource toggl = new TogglSource(source.account(), SourceOptions.defaults().withClock(clock))) {
            for (PlannedLoad load : loads) {
                StreamSpec spec = load.stream().spec();
                boolean incremental = load.stream().mode() == Mode.INCREMENTAL && spec.incremental();
                ReadRequest read = new ReadRequest(incremental,
                        incremental ? Optional.ofNullable(states.get(spec.name())).flatMap(StreamState::cursor) : Optional.empty());
                List<PlannedRequest> added = new ArrayList<>();
                for (PlannedRequest r : toggl.plan(spec, read)) {
                    if (seen.add(r)) {
                        added.add(r);
                    }
                }
                steps.add(new Step(load, read, added));
            }
        }
        return new DryRun(source, targetName, steps);
    }

    void printText(PrintWriter out) {
        out.println("dry run: nothing is sent to Toggl; a run would do this");
        out.println("source: " + source.name() + " (" + ConnectionEntry.describe(source) + ")");
        out.println("target: " + targetName);
        out.println();
        TextTable streams = new TextTable("#", "STREAM", "MODE", "OBJECT", "READS").rightAlign(0);
        int n = 1;
        for (Step s : steps) {
            streams.row(String.valueOf(n++), s.load().name(), s.load().stream().mode().yamlName(), s.load().table().toString(),
                    reads(s));
        }
        streams.print(out);
        out.println();
        out.println("requests, in the order they are first sent (one a stream shares with an earlier stream is sent once):");
        TextTable requests = new TextTable("STREAM", "REQUEST", "SENT", "QUOTA BUCKET");
        for (Step s : steps) {
            for (PlannedRequest r : s.requests()) {
                requests.row(s.load().name(), r.method() + " " + r.target(), repeat(r.repeat()), r.bucket());
            }
        }
        requests.print(out);
        out.println();
        out.println("at least " + ProgressDisplay.count(userRequests(), "request") + " against the user quota (/me paths;"
                + " Toggl allows 30 an hour), and " + perWorkspaceRequests() + " per workspace against its organization's"
                + " quota (30 an hour on Free, 600 on Premium), plus one per further page of 200 records");
        out.flush();
    }

    ObjectNode json() {
        ObjectNode doc = JsonOutput.object();
        doc.put("dry_run", true);
        doc.put("source", source.name());
        doc.put("target", targetName);
        ArrayNode list = doc.putArray("streams");
        int n = 1;
        for (Step s : steps) {
            ObjectNode node = list.addObject();
            node.put("order", n++);
            node.put("stream", s.load().name());
            node.put("mode", s.load().stream().mode().yamlName());
            node.put("object", s.load().table().toString());
            node.put("incremental", s.read().incremental());
            node.put("cursor", s.read().cursor().map(Instant::toString).orElse(null));
            node.put("reads", reads(s));
            ArrayNode requests = node.putArray("requests");
            for (PlannedRequest r : s.requests()) {
                requests.addObject().put("method", r.method()).put("target", r.target())
                        .put("sent", r.repeat().name().toLowerCase(java.util.Locale.ROOT)).put("bucket", r.bucket());
            }
        }
        ObjectNode totals = doc.putObject("expected_requests");
        totals.put("user", userRequests());
        totals.put("per_workspace", perWorkspaceRequests());
        return doc;
    }

    private long userRequests() {
        return steps.stream().flatMap(s -> s.requests().stream()).filter(r -> r.repeat() == PlannedRequest.Repeat.ONCE).count();
    }

    private long perWorkspaceRequests() {
        return steps.stream().flatMap(s -> s.requests().stream()).filter(r -> r.repeat() != PlannedRequest.Repeat.ONCE).count();
    }

    private static String reads(Step s) {
        StreamSpec spec = s.load().stream().spec();
        if (s.read().incremental()) {
            return s.read().cursor()
                    .map(c -> "changes since the stored cursor " + c + " (minus 60 s)")
                    .orElse("changes since anchor_date (no cursor stored yet)");
        }
        if (spec.incremental()) {
            return "the last 90 days, whole";
        }
        return s.load().stream().mode() == Mode.INCREMENTAL ? "whole, upserted" : "whole";
    }

    private static String repeat(PlannedRequest.Repeat repeat) {
        return switch (repeat) {
            case ONCE -> "once";
            case PER_WORKSPACE -> "per workspace";
            case PER_WORKSPACE_PAGE -> "per workspace and page";
        };
    }
}
