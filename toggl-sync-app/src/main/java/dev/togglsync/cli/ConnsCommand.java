package dev.togglsync.cli;

import picocli.CommandLine.Command;

@Command(
        name = "conns",
        mixinStandardHelpOptions = true,
        description = "Manages connections: set, list, unset, test, discover.",
        subcommands = {ConnsSetCommand.class, ConnsListCommand.class, ConnsUnsetCommand.class, ConnsDiscoverCommand.class, ConnsTestCommand.class})
final class ConnsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
