package dev.togglsync.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code toggl-sync <args>} in a child JVM on the test classpath, so its heap and stdout are its own. */
final class ChildJvm implements AutoCloseable {
    static final Pattern LISTENING = Pattern.compile("simulator listening on (http://127\\.0\\.0\\.1:(\\d+)) token=(\\S+)");

    final Process process;
    final BufferedReader stdout;
    final StringBuffer stderr = new StringBuffer();
    final long startedNanos;

    private ChildJvm(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture.runAsync(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null;) {
                    stderr.append(line).append('\n');
                }
            } catch (IOException e) {
                stderr.append("(stderr closed: ").append(e.getMessage()).append(")\n");
            }
        });
    }

    static ChildJvm start(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.togglsync.cli.Main");
        command.addAll(List.of(args));
        long started = System.nanoTime();
        return new ChildJvm(new ProcessBuilder(command).start(), started);
    }

    /** Reads the first stdout line and checks it is the listening line; returns the match. */
    Matcher awaitListening() throws IOException {
        String first = stdout.readLine();
        if (first == null) {
            throw new AssertionError("child exited before printing; stderr:\n" + stderr);
        }
        Matcher m = LISTENING.matcher(first);
        if (!m.matches()) {
            throw new AssertionError("first stdout line is not the listening line: '" + first + "'; stderr:\n" + stderr);
        }
        return m;
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("child did not exit; stderr:\n" + stderr);
        }
        return process.exitValue();
    }

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
}
