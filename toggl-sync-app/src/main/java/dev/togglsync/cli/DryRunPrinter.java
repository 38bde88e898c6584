package dev.togglsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.config.ConnectionEntry;
import dev.togglsync.config.Mode;
import dev.togglsync.engine.DryRun;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.toggl.PlannedRequest;
import dev.togglsync.toggl.RequestEstimate;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;

/** Renders {@code run --dry-run} (the engine's {@link DryRun}): tables for people, one JSON document for machines. */
final class DryRunPrinter {
    private DryRunPrinter() {}

    static void text(DryRun dry, PrintWriter out) {
        out.println("dry run: nothing is sent to Toggl; a run would do this");
        out.println("source: " + dry.source().name() + " (" + ConnectionEntry.describe(dry.source()) + ")");
        out.println("target: " + dry.target());
        out.println();
        TextTable streams = new TextTable("#", "STREAM", "MODE", "OBJECT", "READS").rightAlign(0);
        int n = 1;
        for (DryRun.Step s : dry.steps()) {
            streams.row(String.valueOf(n++), s.load().name(), s.load().stream().mode().yamlName(), s.load().table().toString(),
                    reads(s));
        }
        streams.print(out);
        out.println();
        out.println("requests, in the order they are first sent (one a stream shares with an earlier stream is sent once):");
        TextTable requests = new TextTable("STREAM", "REQUEST", "SENT", "QUOTA BUCKET");
        for (DryRun.Step s : dry.steps()) {
            for (PlannedRequest r : s.requests()) {
                requests.row(s.load().name(), r.method() + " " + r.target(), repeat(r), r.bucket());
            }
        }
        requests.print(out);
        out.println();
        out.println("at least " + ProgressDisplay.count(dry.userRequests(), "request") + " against the user quota (/me paths;"
                + " Toggl allows 30 an hour), and " + dry.perWorkspaceRequests() + " per workspace against its organization's"
                + " quota (30 an hour on Free, 600 on Premium), plus one per further page of 200 records");
        out.flush();
    }

    static void json(DryRun dry, PrintWriter out) {
        ObjectNode doc = JsonOutput.object();
        doc.put("dry_run", true);
        doc.put("source", dry.source().name());
        doc.put("target", dry.target());
        ArrayNode list = doc.putArray("streams");
        int n = 1;
        for (DryRun.Step s : dry.steps()) {
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
                ObjectNode req = requests.addObject().put("method", r.method()).put("target", r.target())
                        .put("sent", r.repeat().name().toLowerCase(Locale.ROOT)).put("bucket", r.bucket());
                r.estimate().ifPresent(e -> estimate(req.putObject("estimate"), e));
            }
        }
        ObjectNode totals = doc.putObject("expected_requests");
        totals.put("user", dry.userRequests());
        totals.put("per_workspace", dry.perWorkspaceRequests());
        JsonOutput.print(out, doc);
    }

    /** The READS column: in words, what the engine decided to ask for ({@link DryRun.Step#read()}). */
    private static String reads(DryRun.Step s) {
        StreamSpec spec = s.load().stream().spec();
        if (s.read().incremental() && !s.read().windows().isEmpty()) {
            return "per workspace: unfinished windows from where the last run stopped, else changes by last_update"
                    + " since the stored cursor and the rescan days in full";
        }
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

    private static String repeat(PlannedRequest r) {
        return switch (r.repeat()) {
            case ONCE -> "once";
            case PER_WORKSPACE -> "per workspace";
            case PER_WORKSPACE_PAGE -> "per workspace and page";
            case PER_ORGANIZATION -> "per organization";
            case PER_ORGANIZATION_PAGE -> "per organization and page";
            case PER_WINDOW_PAGE -> "per window and page: " + r.estimate().map(RequestEstimate::describe)
                    .orElse("once per window, plus one per further page");
        };
    }

    /** report_time_entries' estimate: the count when known, the windows, and the words of the text table. */
    private static void estimate(ObjectNode node, RequestEstimate e) {
        e.requests().ifPresentOrElse(n -> node.put("requests", n), () -> node.putNull("requests"));
        node.put("windows", e.windows());
        node.put("text", e.describe());
    }
}
