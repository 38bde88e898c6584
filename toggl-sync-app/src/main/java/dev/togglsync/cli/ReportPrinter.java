package dev.togglsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.engine.RunReport;
import dev.togglsync.engine.StreamReport;
import java.io.PrintWriter;
import java.util.Locale;

/** Renders a run's summary: a table for people, one JSON document for machines. */
final class ReportPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportPrinter() {}

    static void text(RunReport report, PrintWriter out) {
        TextTable table = new TextTable("stream", "mode", "object", "rows", "requests", "seconds", "status")
                .rightAlign(3, 4, 5);
        for (StreamReport s : report.streams()) {
            table.row(s.stream(), s.mode().yamlName(), s.object(), Long.toString(s.rows()),
                    Long.toString(s.requests()), seconds(s.elapsed().toMillis()), s.status().label());
        }
        table.row("total", "", "", Long.toString(report.totalRows()), Long.toString(report.totalRequests()),
                seconds(report.elapsed().toMillis()), status(report));
        table.print(out);
        for (StreamReport s : report.streams()) {
            s.error().ifPresent(e -> out.println(s.stream() + ": " + Logging.scrub(e)));
            for (String w : s.warnings()) {
                out.println("warning: " + Logging.scrub(w));
            }
        }
        report.stoppedBy().ifPresent(r -> out.println("run stopped: " + Logging.scrub(r.message())));
        out.flush();
    }

    static void json(RunReport report, PrintWriter out) {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", report.source());
        root.put("target", report.target());
        root.put("started_at", report.startedAt().toString());
        root.put("seconds", report.elapsed().toMillis() / 1000.0);
        root.put("status", status(report));
        root.put("exit_code", report.exitCode().code());
        report.stoppedBy().ifPresent(r -> root.put("stopped_by", Logging.scrub(r.message())));
        root.put("rows", report.totalRows());
        root.put("requests", report.totalRequests());
        ArrayNode streams = root.putArray("streams");
        for (StreamReport s : report.streams()) {
            ObjectNode n = streams.addObject();
            n.put("stream", s.stream());
            n.put("mode", s.mode().yamlName());
            n.put("object", s.object());
            n.put("rows", s.rows());
            n.put("requests", s.requests());
            n.put("seconds", s.elapsed().toMillis() / 1000.0);
            n.put("status", s.status().label());
            s.error().ifPresent(e -> n.put("error", Logging.scrub(e)));
            ArrayNode warnings = n.putArray("warnings");
            s.warnings().forEach(w -> warnings.add(Logging.scrub(w)));
        }
        out.println(root.toPrettyString());
        out.flush();
    }

    private static String status(RunReport report) {
        return switch (report.exitCode()) {
            case SUCCESS -> "success";
            case STREAMS_FAILED -> "some streams failed";
            case QUOTA_EXHAUSTED -> "stopped: quota exhausted (rerun to resume)";
            case AUTHENTICATION -> "stopped: authentication failed";
            case TARGET -> "stopped: target error";
            case INTERRUPTED, TERMINATED -> "stopped: interrupted (rerun to resume)";
            case INVALID_INPUT, UNEXPECTED -> "failed";
        };
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
