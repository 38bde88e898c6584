package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.Version;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.SimulatedToggl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive that {@code mvn package} leaves in toggl-sync-app/target, installed as a user
 * would: unpacked with tar into a fresh folder outside the repository, run through its
 * {@code bin/toggl-sync} with a PATH that holds {@code java} and nothing else (no Maven, no
 * repository, no coreutils) and no JAVA_HOME: {@code --version}, {@code demo}, and {@code run}
 * against the simulator.
 */
class ReleaseArchiveIT {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final String BASE = "toggl-sync-" + Version.get();

    @TempDir
    static Path outside;

    static Path home;
    static Path onlyJava;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = TARGET.resolve(BASE + ".tar.gz");
        assertThat(archive).as("mvn package builds the archive").isRegularFile();
        assertThat(outside.toString()).doesNotStartWith(TARGET.getParent().getParent().toString());
        run(List.of("tar", "-xzf", archive.toString(), "-C", outside.toString()), outside, Map.of("PATH", System.getenv("PATH")), 60);
        home = outside.resolve(BASE);
        onlyJava = Files.createDirectories(outside.resolve("path-with-only-java"));
        Files.createSymbolicLink(onlyJava.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    @Test
    void theTarAndTheZipHoldTheLauncherAndTheJar() throws Exception {
        assertThat(Files.isExecutable(home.resolve("bin/toggl-sync"))).isTrue();
        assertThat(home.resolve("lib/toggl-sync.jar")).isRegularFile();
        assertThat(home.resolve("docs/toggl-sync.service")).isRegularFile();
        try (ZipFile zip = new ZipFile(TARGET.resolve(BASE + ".zip").toFile())) {
            assertThat(zip.stream().map(e -> e.getName()).toList()).contains(BASE + "/bin/toggl-sync",
                    BASE + "/lib/toggl-sync.jar", BASE + "/README.md", BASE + "/docs/toggl-sync.service");
        }
    }

    @Test
    void versionSaysTheVersionAndTheCommit() throws Exception {
        Result r = launch(Files.createDirectories(outside.resolve("version")), Map.of(), "--version");

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out.strip()).matches("toggl-sync " + Version.get().replace(".", "\\.") + " \\(commit [0-9a-f]{10}(-dirty)?\\)");
    }

    @Test
    void demoRunsWithOnlyJavaOnThePath() throws Exception {
        Path work = Files.createDirectories(outside.resolve("demo"));

        Result r = launch(work, Map.of(), "demo", "-q");

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("time_entries").contains("success");
        assertThat(work.resolve("toggl-demo.duckdb")).isRegularFile();
    }

    @Test
    void runSyncsTheSimulatorWithOnlyJavaOnThePath() throws Exception {
        Path work = Files.createDirectories(outside.resolve("run"));
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withTimeEntries(500, 0))) {
            String source = SimulatedToggl.connection(sim, 100);

            Result r = launch(work, Map.of("TOGGL_TRACK", source), "run", "-q");

            assertThat(r.code).as(r.err).isZero();
            assertThat(r.out).contains("time_entries").contains("total");
            assertThat(work.resolve("toggl.duckdb")).isRegularFile();
            assertThat(r.out + r.err).doesNotContain(sim.token());
        }
    }

    private record Result(int code, String out, String err) {}

    private static Result launch(Path work, Map<String, String> variables, String... args) throws Exception {
        Map<String, String> env = new TreeMap<>(variables);
        env.put("PATH", onlyJava.toString());
        env.put("HOME", work.toString());
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/toggl-sync").toString()));
        command.addAll(List.of(args));
        return run(command, work, env, 180);
    }

    private static Result run(List<String> command, Path dir, Map<String, String> env, int seconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within " + seconds + " s; stderr: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
