package dev.togglsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.ExitCode;
import dev.togglsync.config.Connection;
import dev.togglsync.config.Connections;
import dev.togglsync.config.Environment;
import dev.togglsync.toggl.TogglStream;
import dev.togglsync.engine.StateTargets;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.StoredState;
import dev.togglsync.target.Target;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the state stored in a target: per source connection and stream, the cursor, when it was synced"
                    + " and how many rows that run wrote; for report_time_entries also per workspace the windows done,"
                    + " where the next window starts and the cursor.",
            "Examples:",
            "  toggl-sync state show",
            "  toggl-sync state show MY_POSTGRES -o json"
        })
final class StateShowCommand implements Callable<ExitCode> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    TargetOption target;

    @Option(names = "--connection", paramLabel = "NAME",
            description = "only the state of this source connection (default: every connection's)")
    String connection;

    @Mixin
    OutputOption output;

    StateShowCommand(Environment environment) {
        this.environment = environment;
    }

    /** Streams in dependency order, as runs list them; a name this build does not know goes last. */
    private static int streamOrder(String stream) {
        int i = TogglStream.specs().indexOf(TogglStream.find(stream).map(TogglStream::spec).orElse(null));
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    @Override
    public ExitCode call() {
        Connection c = Logging.redactAll(Connections.load(environment)).target(target.value(), "state show");
        String source = connection == null ? null : connection.toUpperCase(Locale.ROOT);
        PrintWriter out = spec.commandLine().getOut();
        Optional<Target> opened = StateTargets.openExisting(c, environment.clock());
        List<StoredState> states;
        String describe;
        if (opened.isEmpty()) {
            states = List.of();
            describe = StateTargets.describe(c);
        } else {
            try (Target t = opened.get()) {
                states = t.states().stream().filter(s -> source == null || s.connection().equals(source))
                        .sorted(Comparator.comparing(StoredState::connection).thenComparing(s -> streamOrder(s.stream())))
                        .toList();
                describe = t.describe();
            }
        }
        if (output.json()) {
            ObjectNode doc = JsonOutput.object();
            doc.put("target", describe);
            ArrayNode list = doc.putArray("states");
            for (StoredState s : states) {
                ObjectNode node = list.addObject();
                node.put("connection", s.connection());
                node.put("stream", s.stream());
                node.put("cursor", s.state().cursor().map(Instant::toString).orElse(null));
                node.put("synced_at", s.state().syncedAt().toString());
                node.put("rows", s.state().rows());
                if (!s.state().windows().isEmpty()) {
                    ArrayNode progress = node.putArray("workspaces");
                    s.state().windows().forEach((workspace, p) -> progress.addObject()
                            .put("workspace_id", workspace)
                            .put("history_start", p.historyStart().toString())
                            .put("windows_done", p.windows())
                            .put("next_window_from", p.backfilled() ? null : p.doneThrough().plusDays(1).toString())
                            .put("backfilled", p.backfilled())
                            .put("cursor", p.cursor().map(Instant::toString).orElse(null)));
                }
            }
            JsonOutput.print(out, doc);
            return ExitCode.SUCCESS;
        }
        if (states.isEmpty()) {
            out.println("no state in " + describe + (source == null ? "" : " for connection " + source)
                    + (opened.isEmpty() ? " (the file does not exist yet)" : "")
                    + ": nothing was synced there yet; the next run reads every stream from the start");
            out.flush();
            return ExitCode.SUCCESS;
        }
        out.println("state in " + describe + ":");
        TextTable table = new TextTable("CONNECTION", "STREAM", "CURSOR", "SYNCED AT", "ROWS");
        for (StoredState s : states) {
            StreamState st = s.state();
            table.row(s.connection(), s.stream(), st.cursor().map(Instant::toString).orElse("-"),
                    st.syncedAt().truncatedTo(ChronoUnit.SECONDS).toString(), String.format(Locale.ROOT, "%,d", st.rows()));
        }
        table.print(out);
        for (StoredState s : states) {
            if (!s.state().windows().isEmpty()) {
                progress(s, out);
            }
        }
        out.flush();
        return ExitCode.SUCCESS;
    }

    /**
     * A windowed stream's progress per workspace (report_time_entries): how many windows are
     * committed, where the next run's first window starts (or that the backfill reached today, after
     * which runs read changes), and the newest {@code at} read there.
     */
    private static void progress(StoredState s, PrintWriter out) {
        out.println();
        out.println(s.connection() + "/" + s.stream() + " per workspace:");
        TextTable table = new TextTable("WORKSPACE", "HISTORY FROM", "WINDOWS DONE", "NEXT WINDOW FROM", "CURSOR").rightAlign(2);
        s.state().windows().forEach((workspace, p) -> table.row(String.valueOf(workspace), p.historyStart().toString(),
                String.format(Locale.ROOT, "%,d", p.windows()),
                p.backfilled() ? "- (backfilled: runs read changes)" : p.doneThrough().plusDays(1).toString(),
                p.cursor().map(Instant::toString).orElse("-")));
        table.print(out);
    }
}
