package dev.togglsync.cli;

import dev.togglsync.ExitCode;
import dev.togglsync.config.Connection;
import dev.togglsync.config.ConnectionStore;
import dev.togglsync.config.Environment;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "set",
        mixinStandardHelpOptions = true,
        description = {
            "Adds or replaces a connection in ~/.toggl-sync/env.yaml (mode 0600), after validating it.",
            "Values starting with { or [ are read as YAML.",
            "Examples:",
            "  toggl-sync conns set TOGGL_TRACK type=api spec=toggl-track secrets='{ api_token: xxx }'",
            "  toggl-sync conns set MY_POSTGRES url=postgresql://user:pass@host:5432/db?sslmode=disable",
            "  toggl-sync conns set LOCAL type=duckdb instance=/data/toggl.duckdb"
        })
final class ConnsSetCommand implements Callable<ExitCode> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Parameters(index = "0", paramLabel = "NAME", description = "Connection name (case-insensitive, stored upper-case).")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE", description = "The connection's keys.")
    List<String> assignments;

    ConnsSetCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public ExitCode call() {
        Connection c = ConnectionStore.set(environment, name, assignments);
        spec.commandLine().getOut().println("saved " + c.name() + " (" + c.type() + ") in " + environment.envYamlLabel());
        spec.commandLine().getOut().flush();
        ConnsListCommand.warnIfOverridden(environment, c.name(), spec.commandLine().getErr());
        return ExitCode.SUCCESS;
    }
}
