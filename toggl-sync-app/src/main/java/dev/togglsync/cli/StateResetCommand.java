package dev.togglsync.cli;

import dev.togglsync.toggl.TogglStream;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.StreamNames;
import dev.togglsync.config.Connection;
import dev.togglsync.config.Connections;
import dev.togglsync.config.Environment;
import dev.togglsync.config.Replication;
import dev.togglsync.engine.StateTargets;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.target.Target;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Deletes stored stream state, so that the next run reads the stream from its start again
 * (time_entries: from anchor_date). The tables are left as they are.
 */
@Command(
        name = "reset",
        mixinStandardHelpOptions = true,
        description = {
            "Deletes a stream's stored state: the next run reads it from the start (time_entries: from anchor_date).",
            "The stream's table and rows stay as they are.",
            "Examples:",
            "  toggl-sync state reset --stream time_entries",
            "  toggl-sync state reset MY_POSTGRES --stream time_entries --connection TOGGL_TRACK"
        })
final class StateResetCommand implements Callable<ExitCode> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    TargetOption target;

    @Option(names = {"-s", "--stream"}, paramLabel = "STREAM", required = true, split = ",",
            completionCandidates = StreamNames.class,
            description = "the stream(s) to reset: names or globs, comma-separated or repeated ('*' = all)")
    List<String> streams;

    @Option(names = "--connection", paramLabel = "NAME",
            description = "the source connection whose state to reset (default: " + Replication.DEFAULT_SOURCE + ")")
    String connection = Replication.DEFAULT_SOURCE;

    @Mixin
    OutputOption output;

    StateResetCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public ExitCode call() {
        List<String> names = streamNames();
        Connection c = Logging.redactAll(Connections.load(environment)).target(target.value(), "state reset");
        String source = connection.toUpperCase(Locale.ROOT);
        Map<String, Boolean> existed = new LinkedHashMap<>();
        Optional<Target> opened = StateTargets.openExisting(c, environment.clock());
        String describe = StateTargets.describe(c);
        if (opened.isPresent()) {
            try (Target t = opened.get()) {
                describe = t.describe();
                for (String name : names) {
                    existed.put(name, t.resetState(source, name));
                }
            }
        } else {
            names.forEach(n -> existed.put(n, false));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode doc = JsonOutput.object();
            doc.put("target", describe);
            doc.put("connection", source);
            ArrayNode list = doc.putArray("streams");
            existed.forEach((stream, was) -> list.addObject().put("stream", stream).put("reset", was));
            JsonOutput.print(out, doc);
            return ExitCode.SUCCESS;
        }
        for (Map.Entry<String, Boolean> e : existed.entrySet()) {
            out.println(e.getValue()
                    ? "reset " + source + "/" + e.getKey() + " in " + describe + ": the next run reads it from the start"
                    : "no state for " + source + "/" + e.getKey() + " in " + describe + ": nothing to reset");
        }
        out.flush();
        return ExitCode.SUCCESS;
    }

    /** The named streams in dependency order; an unknown name fails before the target is opened. */
    private List<String> streamNames() {
        return StreamNames.parse("state reset", "--stream", streams).stream().map(StreamSpec::name).toList();
    }
}
