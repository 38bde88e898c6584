package dev.togglsync.cli;

import dev.togglsync.toggl.TogglStream;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.StreamNames;
import dev.togglsync.config.Connection;
import dev.togglsync.config.ConnectionEntry;
import dev.togglsync.config.Connections;
import dev.togglsync.config.Environment;
import dev.togglsync.config.Masking;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.engine.Targets;
import dev.togglsync.engine.Engine;
import dev.togglsync.engine.StreamCheck;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.target.Target;
import dev.togglsync.target.WriteProbe;
import dev.togglsync.toggl.SourceOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a connection: reads a little of each Toggl stream, or writes a table to a database.",
            "Toggl: authenticates, then reads each stream (at most " + StreamCheck.RECORDS + " records and 2 requests each).",
            "Database: connects, then creates a table in the target schema and drops it again (rolled back).",
            "Examples:",
            "  toggl-sync conns test TOGGL_TRACK",
            "  toggl-sync conns test TOGGL_TRACK --endpoints me,time_entries",
            "  toggl-sync conns test MY_POSTGRES --schema analytics"
        })
final class ConnsTestCommand implements Callable<ExitCode> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The connection to test (or a database URL).")
    String name;

    @Option(names = "--endpoints", paramLabel = "STREAM", split = ",", completionCandidates = StreamNames.class,
            description = "Toggl: only these streams, comma-separated (default: all eight)")
    List<String> endpoints;

    @Option(names = "--schema", paramLabel = "SCHEMA",
            description = "database: the schema to create the test table in (default: the current schema, where"
                    + " `run` without -r writes)")
    String schema = "";

    @Mixin
    OutputOption output;

    @Mixin
    LoggingOptions logging;

    ConnsTestCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public ExitCode call() {
        String where = "conns test " + Masking.connection(name);
        Connections connections = Logging.redactAll(Connections.load(environment));
        // A database may be named by its URL, as run and state accept it.
        Connection c = name.contains("://") ? connections.target(name, where) : connections.get(name, where);
        if (c instanceof TogglConnection t) {
            return testToggl(t, streams(where));
        }
        if (endpoints != null) {
            throw TogglSyncException.invalidInput(where + ": --endpoints applies to Toggl connections; " + c.name() + " is a "
                    + c.type() + " connection");
        }
        return testDatabase(c);
    }

    private List<StreamSpec> streams(String where) {
        // The streams of '*' unless named: the opt-in ones cost requests of the organization's
        // quota (and admin rights) that a plain check should not spend.
        return endpoints == null ? TogglStream.star() : StreamNames.parse(where, "--endpoints", endpoints);
    }

    private ExitCode testToggl(TogglConnection connection, List<StreamSpec> streams) {
        PrintWriter out = spec.commandLine().getOut();
        List<StreamCheck> done = new ArrayList<>();
        TogglSyncException stopped = null;
        try {
            Engine.checkSource(connection, streams, SourceOptions.defaults(), check -> {
                done.add(check);
                if (!output.json()) {
                    printLine(out, check);
                }
            });
        } catch (TogglSyncException e) {
            stopped = e;
        }
        List<String> failed = done.stream().filter(c -> !c.ok()).map(StreamCheck::stream).collect(Collectors.toList());
        if (stopped == null && !failed.isEmpty()) {
            stopped = TogglSyncException.streamFailed("conns test " + connection.name() + ": " + failed.size()
                    + " of " + streams.size() + " streams failed (" + String.join(", ", failed) + ")");
        }
        if (output.json()) {
            JsonOutput.print(out, json(connection, done, stopped));
        } else if (stopped == null) {
            out.println("success");
            out.flush();
        }
        if (stopped != null) {
            throw stopped;
        }
        return ExitCode.SUCCESS;
    }

    private static void printLine(PrintWriter out, StreamCheck c) {
        String what = c.ok()
                ? ProgressDisplay.count(c.records(), "record") + (c.more() ? " (stopped there)" : "")
                : Logging.scrub(c.error());
        out.println(String.format(Locale.ROOT, "%-15s  %-6s  %s, %s", c.stream(), c.ok() ? "ok" : "FAILED",
                what, ProgressDisplay.count(c.requests(), "request")));
        for (String note : c.notes()) {
            out.println("  note: " + Logging.scrub(note));
        }
        out.flush();
    }

    private static ObjectNode json(TogglConnection connection, List<StreamCheck> done, TogglSyncException stopped) {
        ObjectNode doc = JsonOutput.object();
        doc.put("connection", connection.name());
        doc.put("type", connection.type());
        doc.put("success", stopped == null);
        ArrayNode list = doc.putArray("streams");
        for (StreamCheck c : done) {
            ObjectNode s = list.addObject();
            s.put("stream", c.stream());
            s.put("status", c.ok() ? "ok" : "failed");
            s.put("records", c.records());
            s.put("more", c.more());
            s.put("requests", c.requests());
            ArrayNode notes = s.putArray("notes");
            c.notes().forEach(notes::add);
            s.put("error", c.error());
        }
        doc.put("error", stopped == null ? null : stopped.getMessage());
        return doc;
    }

    private ExitCode testDatabase(Connection connection) {
        PrintWriter out = spec.commandLine().getOut();
        String describe = ConnectionEntry.describe(connection);
        WriteProbe probe;
        try (Target target = Targets.open(connection, environment.clock())) {
            describe = target.describe();
            probe = target.checkWritable(schema);
        } catch (TogglSyncException e) {
            if (output.json()) {
                JsonOutput.print(out, databaseJson(connection, describe,
                        schema.isEmpty() ? null : WriteProbe.tableIn(schema), e));
            }
            throw e;
        }
        if (output.json()) {
            JsonOutput.print(out, databaseJson(connection, describe, probe, null));
        } else {
            out.println("connected to " + describe + "; " + didWhat(probe));
            out.println("success");
            out.flush();
        }
        return ExitCode.SUCCESS;
    }

    /** The check in the target's own terms: a folder of files has no tables to create. */
    static String didWhat(WriteProbe probe) {
        return switch (probe.kind()) {
            case TABLE_IN_SCHEMA -> "created and dropped a table in schema " + probe.where();
            case FILE_IN_FOLDER -> "wrote and removed a probe file in " + probe.where();
            case NOTHING -> "nothing to write to check " + probe.where();
        };
    }

    private static ObjectNode databaseJson(Connection connection, String describe, WriteProbe probe,
            TogglSyncException failure) {
        ObjectNode doc = JsonOutput.object();
        doc.put("connection", connection.name());
        doc.put("type", connection.type());
        doc.put("target", describe);
        // A folder of files has no schema: its JSON names the folder instead, as the text line does.
        boolean files = probe != null && probe.kind() == WriteProbe.Kind.FILE_IN_FOLDER;
        doc.put(files ? "folder" : "schema", probe == null ? null : probe.where());
        doc.put("success", failure == null);
        doc.put("error", failure == null ? null : failure.getMessage());
        return doc;
    }
}
