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
            "Values starting with { or [ are read as YAML; a dotted key (secrets.api_token) sets one key of a map.",
            "Secrets stay off the command line: KEY=- reads the value from a prompt (on a terminal, not shown)"
                    + " or from one line of standard input; ${VAR} is resolved from the environment at every load.",
            "Examples:",
            "  toggl-sync conns set TOGGL_TRACK type=api spec=toggl-track secrets.api_token=-",
            "  toggl-sync conns set TOGGL_TRACK type=api spec=toggl-track 'secrets.api_token=${MY_TOGGL_TOKEN}'",
            "  toggl-sync conns set MY_POSTGRES type=postgres host=db.example.com user=toggl password=- database=analytics",
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
        Connection c = ConnectionStore.set(environment, name, assignments, StdinSecrets.system());
        spec.commandLine().getOut().println("saved " + c.name() + " (" + c.type() + ") in " + environment.envYamlLabel());
        spec.commandLine().getOut().flush();
        ConnsListCommand.warnIfOverridden(environment, c.name(), spec.commandLine().getErr());
        return ExitCode.SUCCESS;
    }
}
