package dev.togglsync.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it when missing)
 * that loads a local file, runs its scripts for a virtual time budget, and dumps the DOM or takes a
 * screenshot. Console messages (Chromium logs them as {@code :CONSOLE} lines on stderr) are
 * returned so a test can require there are none. No network: only {@code file://} URLs are opened.
 */
public final class Chromium {
    /** Where to look, in order; {@code CHROMIUM_BIN} wins. */
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, or the test is skipped saying what was looked for and how to install it. */
    public static Chromium require() {
        Optional<Path> found = find();
        assumeTrue(found.isPresent(), "no headless browser found (looked for $CHROMIUM_BIN, then " + String.join(", ", NAMES)
                + " on PATH); install Debian's package: apt-get install -y chromium (.ci/run does this when it is missing)");
        return new Chromium(found.get());
    }

    static Optional<Path> find() {
        String env = System.getenv("CHROMIUM_BIN");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : NAMES) {
                Path p = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** What one browser run produced: its stdout (the DOM for {@link #dumpDom}) and the console lines. */
    public record Run(String stdout, List<String> console, String stderr) {}

    /** The DOM after the page's scripts ran, at a {@code width} × {@code height} window. */
    public Run dumpDom(Path html, int width, int height) {
        return run(html, width, height, "--dump-dom");
    }

    /** A PNG of the page's first {@code height} pixels at {@code width}. */
    public Run screenshot(Path html, Path png, int width, int height) {
        return run(html, width, height, "--screenshot=" + png.toAbsolutePath());
    }

    private Run run(Path html, int width, int height, String action) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--disable-gpu",
                // Root (as CI runs) cannot use Chromium's sandbox; the page is our own local file.
                "--no-sandbox", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
                "--disable-extensions", "--disable-background-networking", "--disable-sync", "--mute-audio",
                "--enable-logging=stderr", "--v=0", "--window-size=" + width + "," + height,
                // Scripts run and timers fire for this much virtual time before the dump or the shot.
                "--virtual-time-budget=10000", action, html.toAbsolutePath().toUri().toString()));
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            cmd.add(1, "--user-data-dir=" + profile);
            Path out = Files.createTempFile("chromium", ".out");
            Path err = Files.createTempFile("chromium", ".err");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            deleteTree(profile);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("chromium exited " + p.exitValue() + ": " + stderr);
            }
            List<String> console = stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
            return new Run(stdout, console, stderr);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running chromium", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
