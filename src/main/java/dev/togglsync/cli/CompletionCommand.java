package dev.togglsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "completion", mixinStandardHelpOptions = true, description = "Prints a bash/zsh completion script.")
final class CompletionCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotImplemented.of("completion");
    }
}
