package dev.togglsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Connection;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.Environment;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.CliRun;
import dev.togglsync.testing.SimulatedToggl;
import dev.togglsync.testing.TestTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two {@code toggl-sync run} processes on the same target at the same time: started together on a
 * fresh target (so they also race to create the schema and the state table), then staggered. With
 * DuckDB the file lock lets one run and the other exits 5 at once saying why; with PostgreSQL
 * both finish, one waiting for the other's table locks. Either way the tables end up equal to the
 * ground truth, with no duplicate, after one more run.
 */
class ConcurrentRunsIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestTargets.class)
    void twoRunsAtOnceEndWithCorrectTablesAndTheLoserExitsFiveClearly(TestTargets kind) throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000).withTimeEntries(1500, 0))) {
            Path work = Files.createDirectories(dir.resolve("work"));
            Path home = Files.createDirectories(dir.resolve("home"));
            Files.writeString(work.resolve("replication.yaml"), Sync.REPLICATION_YAML);
            Connection target = kind.fresh(dir);
            Random random = new Random(3);
            List<String> outcomes = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                Mutations.apply(sim, random);
                Thread.sleep(2);
                // Paced so that a run outlasts the other JVM's start-up (a second or more on a loaded machine): they must overlap.
                Map<String, String> env = variables(sim, target, 5);
                ChildRun first = ChildRun.start(work, home, env, "run", "-r", "replication.yaml");
                if (round == 1) {
                    // Staggered: the second starts while the first is loading.
                    first.awaitRunStart();
                    Thread.sleep(300);
                }
                ChildRun second = ChildRun.start(work, home, env, "run", "-r", "replication.yaml");
                second.awaitRunStart();
                // The point of the test: the second command started while the first was still running.
                assertThat(first.isAlive()).as("round %d: the runs overlapped", round).isTrue();
                int a = first.awaitExit(Duration.ofSeconds(120));
                int b = second.awaitExit(Duration.ofSeconds(120));
                outcomes.add(a + "/" + b);

                if (target instanceof DuckDbConnection) {
                    assertThat(List.of(a, b)).as("round %d: %s\n%s", round, first.err(), second.err()).contains(0)
                            .allSatisfy(code -> assertThat(code).isIn(0, 5));
                    for (ChildRun run : List.of(first, second)) {
                        if ((run == first ? a : b) == 5) {
                            assertThat(run.err()).contains("locked by another process (another toggl-sync run?)");
                        }
                    }
                } else {
                    assertThat(List.of(a, b)).as("round %d: %s\n%s", round, first.err(), second.err())
                            .containsOnly(0);
                }
                Truth.Verdict afterBoth = Truth.check(sim, target);
                assertThat(afterBoth.duplicates()).as("round %d: %s", round, afterBoth).isZero();
                if (a == 0 && b == 0) {
                    assertThat(afterBoth.exact()).as("round %d: %s", round, afterBoth).isTrue();
                }

                CliRun again = CliRun.of(Environment.of(variables(sim, target, 1000), home, work),
                        "run", "-r", "replication.yaml", "-q");
                Captured.add("rerun stderr", again.err());
                assertThat(again.exitCode()).as(again.err()).isZero();
                Truth.Verdict verdict = Truth.check(sim, target);
                assertThat(verdict.exact()).as("round %d: %s", round, verdict).isTrue();
            }
            Sync.dump(target);
            System.out.println("[reliability] concurrent runs into " + kind + ": exit codes per round " + outcomes);
        }
    }

    private static Map<String, String> variables(Simulator sim, Connection target, double rate) {
        Captured.secret("simulator token", sim.token());
        if (target instanceof PostgresConnection pg) {
            Captured.secretsOf(pg);
        }
        return Map.of("TOGGL_TRACK", SimulatedToggl.connection(sim, rate),
                "TARGET", TestTargets.url(target));
    }
}
