package dev.togglsync.cli;

import dev.togglsync.ExitCode;
import dev.togglsync.engine.PlannedLoad;
import dev.togglsync.engine.RunListener;
import dev.togglsync.engine.StopSignal;
import dev.togglsync.engine.StreamReport;
import dev.togglsync.engine.StreamStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM during a run (DESIGN.md §3): the run's {@link StopSignal} is requested, which
 * rolls back the stream in flight (the engine stops at its next row, wait or stream); committed
 * streams stay. The same signal {@code run --every} stops on ({@link StopOnSignal}): the engine
 * knows one stop mechanism; what differs is what the command does after (here: the line, 130/143).
 * One line then says which streams were kept, and the process ends with 130 (SIGINT) or 143
 * (SIGTERM). The JVM's own handling would end the process at once, without a word.
 *
 * <p>Why {@code sun.misc.Signal}: a shutdown hook cannot tell SIGINT from SIGTERM, nor keep the
 * process alive while the rollback finishes. If the run does not stop within {@link #GRACE} (a
 * response still streaming in, say), the line is printed and the process halts anyway: an
 * uncommitted transaction is rolled back by the database when its connection goes.
 */
final class Interrupts implements RunListener, AutoCloseable {
    static final Duration GRACE = Duration.ofSeconds(10);

    private final PrintWriter err;
    private final RunListener next;
    private final StopSignal stop = StopSignal.create();
    private final List<String> kept = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<ExitCode> received = new AtomicReference<>();
    private final AtomicBoolean announced = new AtomicBoolean();
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;
    private volatile String inFlight;

    private Interrupts(PrintWriter err, RunListener next) {
        this.err = err;
        this.next = next;
        this.previousInt = Signal.handle(new Signal("INT"), s -> received(ExitCode.INTERRUPTED));
        this.previousTerm = Signal.handle(new Signal("TERM"), s -> received(ExitCode.TERMINATED));
    }

    /** Handles SIGINT and SIGTERM until {@link #close()}; {@code next} hears every run event too. */
    static Interrupts install(PrintWriter err, RunListener next) {
        return new Interrupts(err, next);
    }

    /** What the run must be given to stop on a signal (its waits, too: {@link StopSignal#sleeper()}). */
    StopSignal stop() {
        return stop;
    }

    @Override
    public void streamStarted(PlannedLoad load) {
        inFlight = load.name();
        next.streamStarted(load);
    }

    @Override
    public void rowsLoaded(PlannedLoad load, long rows) {
        next.rowsLoaded(load, rows);
    }

    @Override
    public void streamFinished(StreamReport report) {
        synchronized (kept) {
            if (report.status() == StreamStatus.SUCCESS) {
                kept.add(report.stream());
            }
        }
        // The stream the signal stopped ends as failed: it stays named as the one rolled back.
        if (report.status() == StreamStatus.SUCCESS || received.get() == null) {
            inFlight = null;
        }
        next.streamFinished(report);
    }

    /** On the signal's own thread: ask the run to stop, give it {@link #GRACE} to roll back, then end. */
    private void received(ExitCode code) {
        if (!received.compareAndSet(null, code)) {
            announceAndHalt(received.get()); // a second Ctrl-C: the user does not want to wait
            return;
        }
        stop.request(code == ExitCode.INTERRUPTED ? "SIGINT" : "SIGTERM");
        try {
            if (finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return; // close() announces and ends the process
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        announceAndHalt(code);
    }

    /**
     * The run has returned (rolled back what was in flight). After a signal this prints the line
     * and ends the process with the signal's code; otherwise it puts the JVM's handlers back.
     */
    @Override
    public void close() {
        finished.countDown();
        ExitCode code = received.get();
        if (code != null) {
            announceAndHalt(code);
        }
        Signal.handle(new Signal("INT"), previousInt);
        Signal.handle(new Signal("TERM"), previousTerm);
    }

    private void announceAndHalt(ExitCode code) {
        if (announced.compareAndSet(false, true)) {
            err.println(line(code));
            err.flush();
            System.out.flush();
            Runtime.getRuntime().halt(code.code());
        }
        // The other thread is printing and halting; wait for it.
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String line(ExitCode code) {
        List<String> committed;
        synchronized (kept) {
            committed = List.copyOf(kept);
        }
        String signal = code == ExitCode.INTERRUPTED ? "SIGINT" : "SIGTERM";
        String current = inFlight;
        return "interrupted (" + signal + "): kept " + (committed.isEmpty() ? "no stream" : String.join(", ", committed))
                + " (committed)" + (current == null ? "" : "; " + current + " rolled back")
                + "; run the same command again to resume";
    }
}
