package dev.togglsync.reliability;

import dev.togglsync.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code toggl-sync <args>} in a child JVM ({@link ChildJvm}) on the test classpath
 * ({@link CrashChild}), with exactly the environment variables given (nothing inherited from the
 * developer's shell), its own working directory and home. Its stdout and stderr go to
 * {@link Captured} when it ends.
 */
final class ChildRun {
    /** What {@link CrashChild} prints once the JVM is up and the command line starts. */
    static final String STARTED = "child: started";

    private final ChildJvm child;

    private ChildRun(ChildJvm child) {
        this.child = child;
    }

    static ChildRun start(Path workDir, Path home, Map<String, String> environment, String... args) throws IOException {
        return new ChildRun(ChildJvm.of(CrashChild.class)
                // A short-lived JVM: quick start-up matters more than peak speed.
                .withJvmOptions("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Duser.home=" + home)
                .inDirectory(workDir).withOnlyEnvironment(environment).watchingFor(STARTED)
                .start(args));
    }

    /**
     * Kills the child with SIGKILL once {@code delay} has passed since its command started (the JVM
     * start-up not counted), unless it ended before; returns whether it was killed.
     */
    boolean killAfter(Duration delay) throws InterruptedException {
        awaitRunStart();
        long remaining = delay.toNanos() - (System.nanoTime() - child.markerNanos());
        if (remaining > 0 && child.waitFor(Duration.ofNanos(remaining))) {
            captured();
            return false;
        }
        boolean alive = child.kill();
        captured();
        return alive;
    }

    /** SIGKILL now; returns whether the child was still running (false: it had ended by itself). */
    boolean killNow() throws InterruptedException {
        boolean alive = child.kill();
        captured();
        return alive;
    }

    /** Waits until the JVM is up and the command has started (or the child has ended). */
    void awaitRunStart() throws InterruptedException {
        child.awaitMarker();
    }

    /** Sends SIGINT or SIGTERM ({@code INT}, {@code TERM}); the child goes on until it handles it. */
    void signal(String name) throws IOException, InterruptedException {
        child.signal(name);
    }

    /** Whether the child is still running (not yet ended by itself or killed). */
    boolean isAlive() {
        return child.isAlive();
    }

    /** Waits for the child to end by itself; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        try {
            return child.awaitExit(timeout);
        } finally {
            captured();
        }
    }

    /** From the command's start (the JVM's start-up not counted) until now. */
    Duration runTime() {
        return Duration.ofNanos(System.nanoTime() - child.markerNanos());
    }

    /** The JVM's start-up: from the process's start until the command started. */
    Duration startUp() {
        return Duration.ofNanos(child.markerNanos() - child.startedNanos());
    }

    String out() {
        return child.out();
    }

    String err() {
        return child.err();
    }

    private void captured() {
        Captured.add("child stdout", child.out());
        Captured.add("child stderr", child.err());
    }
}
