package dev.togglsync.cli;

import dev.togglsync.engine.StopSignal;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into a {@link StopSignal} request while a command runs, instead of the
 * JVM's default of exiting at once: the engine then rolls back the stream in flight and returns,
 * and the command chooses the exit code ({@code run --every}: 0). The JDK's {@code sun.misc.Signal}
 * (module jdk.unsupported, in every JDK 17 build) is used rather than a shutdown hook because a hook
 * cannot tell the signals apart, and an exit code other than 128 + signal needs the JVM not to be
 * shutting down already.
 *
 * <p>Meant to be the one signal handler of the CLI: issue 16's single {@code run} (exit 130/143)
 * can install the same and map {@link StopSignal#reason()} ("SIGINT"/"SIGTERM") to its exit code.
 */
final class StopOnSignal implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopOnSignal() {}

    static StopOnSignal install(StopSignal stop) {
        StopOnSignal installed = new StopOnSignal();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal signal = new Signal(name);
            installed.signals.add(signal);
            installed.previous.add(Signal.handle(signal, s -> stop.request("SIG" + s.getName())));
        }
        return installed;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
