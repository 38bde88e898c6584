package dev.togglsync.cli;

import picocli.CommandLine.Command;

@Command(
        name = "state",
        mixinStandardHelpOptions = true,
        description = "Shows or resets the stream state stored in a target.",
        subcommands = {StateShowCommand.class, StateResetCommand.class})
final class StateCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
