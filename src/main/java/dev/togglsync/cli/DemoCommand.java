package dev.togglsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "Syncs the bundled Toggl simulator into ./toggl-demo.duckdb.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotImplemented.of("demo");
    }
}
