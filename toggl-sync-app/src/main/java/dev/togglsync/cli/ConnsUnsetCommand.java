package dev.togglsync.cli;

import dev.togglsync.ExitCode;
import dev.togglsync.config.ConnectionStore;
import dev.togglsync.config.Environment;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "unset",
        mixinStandardHelpOptions = true,
        description = "Removes a connection from ~/.toggl-sync/env.yaml (connections from .env.sling or the environment are removed there).")
final class ConnsUnsetCommand implements Callable<ExitCode> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Parameters(index = "0", paramLabel = "NAME", description = "Connection name (case-insensitive).")
    String name;

    ConnsUnsetCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public ExitCode call() {
        ConnectionStore.unset(environment, name);
        String upper = name.toUpperCase(Locale.ROOT);
        spec.commandLine().getOut().println("removed " + upper + " from " + environment.envYamlLabel());
        spec.commandLine().getOut().flush();
        ConnsListCommand.warnIfOverridden(environment, upper, spec.commandLine().getErr());
        return ExitCode.SUCCESS;
    }
}
