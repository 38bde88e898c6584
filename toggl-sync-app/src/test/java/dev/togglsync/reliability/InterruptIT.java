package dev.togglsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Connection;
import dev.togglsync.config.Environment;
import dev.togglsync.engine.Targets;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.target.StoredState;
import dev.togglsync.target.Target;
import dev.togglsync.testing.CliRun;
import dev.togglsync.testing.SimulatedToggl;
import dev.togglsync.testing.TableDump;
import dev.togglsync.testing.TestTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C and SIGTERM sent to a {@code run} child process in the middle of a stream (DESIGN.md §3):
 * exit 130 / 143, one line naming the streams kept, those streams committed (and only those), and a
 * rerun that ends equal to the ground truth.
 */
class InterruptIT {
    private static final Pattern KEPT = Pattern.compile(
            "interrupted \\((SIGINT|SIGTERM)\\): kept (.+) \\(committed\\); (\\w+) rolled back; run the same command again to resume");

    @TempDir
    Path dir;

    private final Simulator sim = Simulator.start(SimulatorConfig.defaults().withTimeEntries(2_000, 0));

    @AfterEach
    void stop() {
        sim.close();
    }

    private Map<String, String> variables(Connection target, double rate) {
        Captured.secret("simulator token", sim.token());
        return Map.of("TOGGL_TRACK", SimulatedToggl.connection(sim, rate), "TARGET", TestTargets.url(target));
    }

    private static List<String> committed(Connection target) {
        try (Target t = Targets.open(target, Clock.systemUTC())) {
            return t.states().stream().map(StoredState::stream).toList();
        }
    }

    @ParameterizedTest
    @CsvSource({"INT, 130, SIGINT", "TERM, 143, SIGTERM"})
    void aSignalMidStreamKeepsWhatWasCommittedAndTheRerunCompletes(String signal, int exitCode, String named)
            throws Exception {
        Connection target = TestTargets.POSTGRES.fresh(dir);
        Captured.secretsOf(target);
        Path work = Files.createDirectories(dir.resolve("work"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(work.resolve("replication.yaml"), Sync.REPLICATION_YAML);

        // 2 requests a second: the per-workspace streams take a second or more each.
        ChildRun child = ChildRun.start(work, home, variables(target, 2), "run", "-r", "replication.yaml", "-q");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (committed(target).size() < 3 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(child.isAlive()).as(child.err()).isTrue();
        child.signal(signal);
        int code = child.awaitExit(Duration.ofSeconds(30));

        assertThat(code).as(child.err()).isEqualTo(exitCode);
        Matcher line = KEPT.matcher(child.err());
        assertThat(line.find()).as(child.err()).isTrue();
        assertThat(line.group(1)).isEqualTo(named);
        List<String> kept = List.of(line.group(2).split(", "));
        // Exactly the streams the line names are committed; the one in flight left nothing.
        assertThat(committed(target)).containsExactlyInAnyOrderElementsOf(kept).doesNotContain(line.group(3));
        assertThat(kept).hasSizeGreaterThanOrEqualTo(3);
        assertThat(TableDump.tables(TableDump.of(target)).keySet()).doesNotContain("toggl." + line.group(3));

        CliRun rerun = CliRun.of(Environment.of(variables(target, 1000), home, work), "run", "-r", "replication.yaml", "-q");
        Captured.add("rerun stdout", rerun.out());
        Captured.add("rerun stderr", rerun.err());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        Truth.Verdict verdict = Truth.check(sim, target);
        assertThat(verdict.exact()).as(verdict.toString()).isTrue();
    }
}
