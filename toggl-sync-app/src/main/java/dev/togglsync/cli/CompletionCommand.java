package dev.togglsync.cli;

import dev.togglsync.ExitCode;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a bash completion script.",
            "zsh: run `autoload -U bashcompinit && bashcompinit` first.",
            "Try it:      source <(./toggl-sync completion)",
            "Install it:  ./toggl-sync completion > ~/.local/share/bash-completion/completions/toggl-sync"
        })
final class CompletionCommand implements Callable<ExitCode> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Override
    public ExitCode call() {
        // Generated from the live command tree, so every subcommand and option is in it.
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCode.SUCCESS;
    }
}
