package dev.togglsync.cli;

import dev.togglsync.toggl.TogglStream;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.StreamNames;
import dev.togglsync.config.Connections;
import dev.togglsync.config.Environment;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.StreamSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Lists the streams a Toggl connection offers. The list and the columns are declared in
 * {@link Streams} (not sampled from the API), so this sends no request: it works offline and
 * costs none of the hourly quota.
 */
@Command(
        name = "discover",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the streams of a Toggl connection in dependency order (no request is sent).",
            "Examples:",
            "  toggl-sync conns discover TOGGL_TRACK",
            "  toggl-sync conns discover TOGGL_TRACK -p 'time_*' --columns"
        })
final class ConnsDiscoverCommand implements Callable<ExitCode> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Parameters(index = "0", paramLabel = "NAME", description = "A Toggl connection (example: TOGGL_TRACK).")
    String name;

    @Option(names = {"-p", "--pattern"}, paramLabel = "PATTERN", completionCandidates = StreamNames.class,
            description = "only streams matching this name or glob (example: 'time_*')")
    String pattern;

    @Option(names = "--columns", description = "list each stream's columns and their types")
    boolean columns;

    @Mixin
    OutputOption output;

    ConnsDiscoverCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public ExitCode call() {
        TogglConnection connection = Logging.redactAll(Connections.load(environment)).source(name, "conns discover " + name);
        List<StreamSpec> streams = pattern == null ? TogglStream.specs() : StreamNames.parse("conns discover", "-p", List.of(pattern));
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonOutput.print(out, json(connection.name(), streams));
        } else if (columns) {
            columnTable(streams).print(out);
        } else {
            streamTable(streams).print(out);
        }
        return ExitCode.SUCCESS;
    }

    private static TextTable streamTable(List<StreamSpec> streams) {
        TextTable table = new TextTable("STREAM", "DEPENDS ON", "INCREMENTAL", "PRIMARY KEY", "DESCRIPTION");
        for (StreamSpec s : streams) {
            table.row(s.name(), s.dependsOn().orElse("-"), incremental(s), String.join(",", s.primaryKey()),
                    s.description());
        }
        return table;
    }

    private static TextTable columnTable(List<StreamSpec> streams) {
        TextTable table = new TextTable("STREAM", "COLUMN", "TYPE", "KEY");
        for (StreamSpec s : streams) {
            for (Column c : s.schema().columns()) {
                table.row(s.name(), c.name(), typeName(c), key(s, c));
            }
        }
        return table;
    }

    private static ObjectNode json(String connection, List<StreamSpec> streams) {
        ObjectNode doc = JsonOutput.object();
        doc.put("connection", connection);
        ArrayNode list = doc.putArray("streams");
        for (StreamSpec s : streams) {
            ObjectNode node = list.addObject();
            node.put("name", s.name());
            node.put("description", s.description());
            node.put("depends_on", s.dependsOn().orElse(null));
            node.put("incremental", s.incremental());
            node.put("cursor_field", s.cursorField().orElse(null));
            ArrayNode key = node.putArray("primary_key");
            s.primaryKey().forEach(key::add);
            ArrayNode cols = node.putArray("columns");
            for (Column c : s.schema().columns()) {
                cols.addObject().put("name", c.name()).put("type", typeName(c));
            }
        }
        return doc;
    }

    /** What incremental means for the stream: only changes since a cursor, or the whole stream upserted. */
    private static String incremental(StreamSpec s) {
        return s.incremental() ? "yes (cursor " + s.cursorField().orElseThrow() + ")" : "no (read whole)";
    }

    private static String key(StreamSpec s, Column c) {
        if (s.primaryKey().contains(c.name())) {
            return "primary key";
        }
        return s.cursorField().filter(c.name()::equals).map(f -> "cursor").orElse("");
    }

    /** The declared type as DESIGN.md §5 spells it: bigint, timestamptz, json, ... */
    static String typeName(Column c) {
        return c.type().name().toLowerCase(Locale.ROOT);
    }
}
