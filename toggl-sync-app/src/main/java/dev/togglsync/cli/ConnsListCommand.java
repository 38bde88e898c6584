package dev.togglsync.cli;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.ConnectionEntry;
import dev.togglsync.config.Connections;
import dev.togglsync.config.Environment;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Lists the connections from env.yaml, .env.sling and the environment (secrets masked).")
final class ConnsListCommand implements Callable<ExitCode> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    ConnsListCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public ExitCode call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ConnectionEntry> entries = Logging.redactAll(Connections.load(environment)).entries();
        if (entries.isEmpty()) {
            out.println("no connections (looked in " + environment.envYamlLabel()
                    + ", .env.sling and the environment); add one with: toggl-sync conns set TOGGL_TRACK type=api "
                    + "spec=toggl-track secrets='{ api_token: <your token> }'");
            out.flush();
            return ExitCode.SUCCESS;
        }
        TextTable table = new TextTable("NAME", "TYPE", "SOURCE", "DESCRIPTION");
        for (ConnectionEntry e : entries) {
            table.row(e.name(), e.type(), e.origin(), e.description());
        }
        table.print(out);
        return ExitCode.SUCCESS;
    }

    /**
     * After env.yaml changed: says so when .env.sling or the environment still defines {@code name},
     * since that definition wins. Best effort: a broken .env.sling must not turn a done write into a failure.
     */
    static void warnIfOverridden(Environment environment, String name, PrintWriter err) {
        Optional<ConnectionEntry> entry;
        try {
            entry = Logging.redactAll(Connections.load(environment)).entry(name);
        } catch (TogglSyncException unreadable) {
            return;
        }
        entry.filter(e -> !e.origin().equals("env.yaml"))
                .ifPresent(e -> err.println("note: " + name + " is also defined by " + e.definedBy() + ", which wins over env.yaml"));
        err.flush();
    }
}
