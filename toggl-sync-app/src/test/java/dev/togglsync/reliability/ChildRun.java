package dev.togglsync.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code toggl-sync <args>} in a child JVM on the test classpath ({@link CrashChild}), with exactly
 * the environment variables given (nothing inherited from the developer's shell), its own working
 * directory and home. Its stdout and stderr are kept, and go to {@link Captured} when it ends.
 */
final class ChildRun {
    /** What {@link CrashChild} prints once the JVM is up and the command line starts. */
    static final String STARTED = "child: started";

    private final Process process;
    private final long startedNanos;
    private volatile long runStartedNanos;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread[] drains;

    private ChildRun(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.drains = new Thread[] {drain(process.getInputStream(), out, true), drain(process.getErrorStream(), err, false)};
    }

    static ChildRun start(Path workDir, Path home, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A short-lived JVM: quick start-up matters more than peak speed.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), CrashChild.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        return new ChildRun(builder.start(), started);
    }

    /**
     * Kills the child with SIGKILL once {@code delay} has passed since its command started (the JVM
     * start-up not counted), unless it ended before; returns whether it was killed.
     */
    boolean killAfter(Duration delay) throws InterruptedException {
        awaitRunStart();
        long remaining = delay.toNanos() - (System.nanoTime() - runStartedNanos);
        if (remaining > 0 && process.waitFor(remaining, TimeUnit.NANOSECONDS)) {
            finish();
            return false;
        }
        boolean alive = process.isAlive();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        finish();
        return alive;
    }

    /** Waits until the JVM is up and the command has started (or the child has ended). */
    void awaitRunStart() throws InterruptedException {
        while (runStartedNanos == 0 && process.isAlive()) {
            Thread.sleep(1);
        }
    }

    /** Waits for the child to end by itself; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            finish();
            throw new AssertionError("child did not end within " + timeout + "; stderr:\n" + err);
        }
        finish();
        return process.exitValue();
    }

    /** From the command's start (the JVM's start-up not counted) until now. */
    Duration runTime() {
        return Duration.ofNanos(System.nanoTime() - runStartedNanos);
    }

    /** The JVM's start-up: from the process's start until the command started. */
    Duration startUp() {
        return Duration.ofNanos(runStartedNanos - startedNanos);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    private void finish() throws InterruptedException {
        for (Thread t : drains) {
            t.join(10_000);
        }
        Captured.add("child stdout", out.toString());
        Captured.add("child stderr", err.toString());
    }

    private Thread drain(InputStream in, StringBuffer into, boolean watchForStart) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (watchForStart && runStartedNanos == 0 && into.indexOf(STARTED) >= 0) {
                        runStartedNanos = System.nanoTime();
                    }
                }
            } catch (IOException e) {
                into.append("(stream closed: ").append(e.getMessage()).append(")\n");
            }
        }, "child-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
