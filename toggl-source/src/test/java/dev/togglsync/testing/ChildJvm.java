package dev.togglsync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code main} class of the test classpath in a child JVM, for what a test cannot do in its own:
 * a small heap, a kill in the middle of a run, a process's own stdout and exit code. Both output
 * streams are read as they arrive (a child never blocks on a full pipe) and kept for assertions.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.of(Main.class).withJvmOptions("-Xmx32m").start("run", "-q")) {
 *     assertThat(child.awaitExit(Duration.ofSeconds(60))).as(child.err()).isZero();
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final long startedNanos;
    private final Optional<String> marker;
    private volatile long markerNanos;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final List<Thread> drains;

    /**
     * What to start. Each {@code with...} returns a changed copy.
     *
     * @param jvmOptions before the class name: heap, GC, system properties
     * @param workDir the child's working directory; empty: the test's
     * @param environment exactly the child's environment variables; empty: the test's, inherited
     * @param marker text the child prints on stdout once its {@code main} runs (see {@link #markerNanos()})
     * @param classpath the child's class path; empty: the test's own
     */
    public record Launch(String mainClass, List<String> jvmOptions, Optional<Path> workDir,
            Optional<Map<String, String>> environment, Optional<String> marker, Optional<String> classpath) {
        public Launch {
            Objects.requireNonNull(mainClass, "mainClass");
            jvmOptions = List.copyOf(jvmOptions);
            environment = environment.map(Map::copyOf);
        }

        /** Adds JVM options after those given so far. */
        public Launch withJvmOptions(List<String> options) {
            List<String> all = new ArrayList<>(jvmOptions);
            all.addAll(options);
            return new Launch(mainClass, all, workDir, environment, marker, classpath);
        }

        public Launch withJvmOptions(String... options) {
            return withJvmOptions(List.of(options));
        }

        public Launch inDirectory(Path dir) {
            return new Launch(mainClass, jvmOptions, Optional.of(dir), environment, marker, classpath);
        }

        /** The child sees these variables and no others (nothing from the developer's shell). */
        public Launch withOnlyEnvironment(Map<String, String> variables) {
            return new Launch(mainClass, jvmOptions, workDir, Optional.of(variables), marker, classpath);
        }

        /** Notes when {@code text} first shows on stdout: the child's own start, without the JVM's. */
        public Launch watchingFor(String text) {
            return new Launch(mainClass, jvmOptions, workDir, environment, Optional.of(text), classpath);
        }

        /**
         * The child runs with this class path instead of the test's: for a child that must not see
         * some of the test's classes (a plugin host that may only find them where an operator puts them).
         */
        public Launch withClasspath(String classpath) {
            return new Launch(mainClass, jvmOptions, workDir, environment, marker, Optional.of(classpath));
        }

        /** Starts {@code java <jvmOptions> -cp <the test's classpath, or the one given> <mainClass> <args>}. */
        public ChildJvm start(String... args) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(classpath.orElseGet(() -> System.getProperty("java.class.path")));
            command.add(mainClass);
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            workDir.ifPresent(dir -> builder.directory(dir.toFile()));
            environment.ifPresent(variables -> {
                builder.environment().clear();
                builder.environment().putAll(variables);
            });
            long started = System.nanoTime();
            return new ChildJvm(builder.start(), started, marker);
        }
    }

    public static Launch of(Class<?> mainClass) {
        return of(mainClass.getName());
    }

    /** By name, for a main class the test's own module cannot import. */
    public static Launch of(String mainClass) {
        return new Launch(mainClass, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private ChildJvm(Process process, long startedNanos, Optional<String> marker) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.marker = marker;
        this.drains = List.of(drain(process.getInputStream(), out, true), drain(process.getErrorStream(), err, false));
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    /** {@link System#nanoTime()} when the marker first showed on stdout; 0 while it has not. */
    public long markerNanos() {
        return markerNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stdout so far (all of it once the child has ended and been waited for). */
    public String out() {
        return out.toString();
    }

    /** Stderr so far (all of it once the child has ended and been waited for). */
    public String err() {
        return err.toString();
    }

    /** Waits until the marker has shown on stdout, or the child has ended without it. */
    public void awaitMarker() throws InterruptedException {
        while (markerNanos == 0 && process.isAlive()) {
            Thread.sleep(1);
        }
    }

    /** The first line of stdout, once whole; fails if the child ends or {@code timeout} passes first. */
    public String awaitFirstLine(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.indexOf("\n") < 0) {
            if (!process.isAlive()) {
                drained();
                if (out.indexOf("\n") >= 0) {
                    break;
                }
                throw new AssertionError("child ended (exit " + process.exitValue() + ") before printing a line; stdout: '"
                        + out + "'; stderr:\n" + err);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("child printed no line within " + timeout + "; stderr:\n" + err);
            }
            Thread.sleep(5);
        }
        return out.substring(0, out.indexOf("\n")).replace("\r", "");
    }

    /** Waits up to {@code timeout} for the child to end by itself; true if it did (its output is then complete). */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        drained();
        return true;
    }

    /** Waits for the child to end by itself and returns its exit code; kills it and fails after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!waitFor(timeout)) {
            kill();
            throw new AssertionError("child did not end within " + timeout + "; stderr:\n" + err);
        }
        return process.exitValue();
    }

    /** Sends a signal by name ({@code INT} as Ctrl-C does, {@code TERM}) with {@code kill}; does not wait. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /**
     * SIGTERM, as systemd or {@code kill} would stop it; returns at once (then {@link #awaitExit}).
     * Sent with kill(1), not {@link Process#destroy()}: the JDK closes the child's output streams on
     * destroy, and what the child prints while it stops would be lost.
     */
    public void terminate() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -TERM " + process.pid() + " failed with exit " + kill.exitValue());
        }
    }

    /** SIGKILL, as a crash or {@code kill -9} would end it; returns whether it was still running. */
    public boolean kill() throws InterruptedException {
        boolean alive = process.isAlive();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        drained();
        return alive;
    }

    /** Asks the child to stop (SIGTERM: shutdown hooks run), and kills it if it has not within 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the readers take in what the ended child wrote last. */
    private void drained() throws InterruptedException {
        for (Thread t : drains) {
            t.join(10_000);
        }
    }

    private Thread drain(InputStream in, StringBuffer into, boolean watch) {
        Thread t = new Thread(() -> {
            char[] buffer = new char[8192];
            // A Reader, not bytes to String per read: a UTF-8 character may span two reads.
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                for (int n; (n = reader.read(buffer)) > 0; ) {
                    into.append(buffer, 0, n);
                    if (watch && markerNanos == 0 && marker.isPresent() && into.indexOf(marker.get()) >= 0) {
                        markerNanos = System.nanoTime();
                    }
                }
            } catch (IOException e) {
                into.append("(stream closed: ").append(e.getMessage()).append(")\n");
            }
        }, "child-jvm-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
