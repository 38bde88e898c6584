package dev.togglsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Replicates streams from the Toggl source into the target.")
final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotImplemented.of("run");
    }
}
