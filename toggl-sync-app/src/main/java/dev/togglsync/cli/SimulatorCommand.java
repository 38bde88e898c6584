package dev.togglsync.cli;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Serves the fake Toggl API on 127.0.0.1 until killed.")
final class SimulatorCommand implements Callable<ExitCode> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--port", paramLabel = "N", description = "TCP port on 127.0.0.1; 0 = a free one (default: 0)")
    int port = 0;

    @Option(names = "--token", paramLabel = "T", description = "the API token to accept (default: a fixed demo token)")
    String token = SimulatorConfig.DEFAULT_TOKEN;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the generated dataset (default: ${DEFAULT-VALUE})")
    long seed = SimulatorConfig.DEFAULT_SEED;

    @Option(names = "--time-entries", paramLabel = "N",
            description = "time entries in the last 85 days (default: ${DEFAULT-VALUE})")
    int timeEntries = SimulatorConfig.DEFAULT_TIME_ENTRIES;

    @Option(names = "--quota", paramLabel = "N",
            description = "requests per hour in every quota bucket (default: Toggl's: 30 for /me, 30 Free, 600 Premium)")
    Integer quota;

    @Option(names = "--time-entries-cap", paramLabel = "N",
            description = "at most N entries per /me/time_entries response, as older API versions (default: no cap)")
    int cap = 0;

    @Option(names = "--accounts", paramLabel = "N",
            description = "serve N accounts on the port, each with its own token, user, workspaces and quotas derived from"
                    + " the seed; their tokens follow the first line as 'account I token=T' (default: 1)")
    int accounts = 1;

    @Override
    public ExitCode call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SimulatorConfig config;
        try {
            config = SimulatorConfig.defaults().withPort(port).withToken(token).withSeed(seed)
                    .withTimeEntries(timeEntries).withTimeEntriesResultCap(cap);
            if (quota != null) {
                config = config.withQuota(quota);
            }
        } catch (IllegalArgumentException e) {
            throw TogglSyncException.invalidInput(e.getMessage());
        }
        // -q: its per-request lines are the simulator's progress.
        if (!logging.quiet) {
            config = config.withRequestListener(r -> {
                err.println("simulator: " + r);
                err.flush();
            });
        }
        Simulator sim;
        try {
            sim = Simulator.start(config, accounts);
        } catch (IllegalArgumentException e) {
            throw TogglSyncException.invalidInput("--accounts " + accounts + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw TogglSyncException.invalidInput(e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "simulator-shutdown"));
        // Ctrl-C and SIGTERM: the port is freed and the process says so before ending with 130 / 143.
        stopOn("INT", ExitCode.INTERRUPTED, sim, err);
        stopOn("TERM", ExitCode.TERMINATED, sim, err);
        out.println(sim.listeningLine());
        for (int i = 1; i < accounts; i++) {
            out.println("account " + i + " token=" + sim.account(i).token());
        }
        out.flush();
        new CountDownLatch(1).await();
        return ExitCode.SUCCESS;
    }

    private static void stopOn(String signal, ExitCode code, Simulator sim, PrintWriter err) {
        sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> {
            sim.close();
            err.println("simulator stopped (SIG" + signal + "); port " + sim.port() + " is free again");
            err.flush();
            Runtime.getRuntime().halt(code.code());
        });
    }
}
