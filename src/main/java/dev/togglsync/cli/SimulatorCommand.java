package dev.togglsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "simulator", mixinStandardHelpOptions = true, description = "Serves the fake Toggl API on 127.0.0.1 until killed.")
final class SimulatorCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotImplemented.of("simulator");
    }
}
