package dev.togglsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.testing.CliRun;
import dev.togglsync.config.Connection;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.Environment;
import dev.togglsync.engine.Targets;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.target.StoredState;
import dev.togglsync.target.Target;
import dev.togglsync.testing.TestTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery, by trial: {@code toggl-sync run} in a child process is killed with SIGKILL at a
 * random moment of its run (seeded), a rerun completes, and every table is compared with the
 * simulator's ground truth: no row lost, none duplicated, every value right. Between trials Toggl
 * changes (edits, deletes, additions), so most trials crash an incremental run over existing
 * tables; every fourth starts from an empty target, so crashes also hit table creation.
 *
 * <p>{@value #DEFAULT_TRIALS} trials per target in the regular suite; more by hand with
 * {@code -Dtrials=200} (and {@code -Dseed=N} to vary the kill moments).
 */
class CrashRecoveryIT {
    static final int DEFAULT_TRIALS = 20;
    private static final int TRIALS = Integer.getInteger("trials", DEFAULT_TRIALS);
    private static final long SEED = Long.getLong("seed", 20_260_101L);
    /** The killed run's pace: slow enough that the kill lands anywhere in a run of a few seconds. */
    private static final double CHILD_RATE = 16;
    private static final Map<String, String> FIGURES = java.util.Collections.synchronizedMap(new TreeMap<>());

    @TempDir
    Path dir;

    /** The two targets' trials run side by side, each in its own thread, simulator and folders. */
    @Test
    void killedAtARandomMomentTheRerunCompletesWithNoRowLostOrDuplicated() throws Throwable {
        ExecutorService pool = Executors.newFixedThreadPool(TestTargets.values().length);
        try {
            List<Future<?>> series = new ArrayList<>();
            for (TestTargets kind : TestTargets.values()) {
                series.add(pool.submit(() -> {
                    trials(kind);
                    return null;
                }));
            }
            for (Future<?> f : series) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void trials(TestTargets kind) throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000).withTimeEntries(2500, 0))) {
            Captured.secret("simulator token", sim.token());
            Path base = dir.resolve(kind.name());
            Path work = Files.createDirectories(base.resolve("work"));
            Path home = Files.createDirectories(base.resolve("home"));
            Files.writeString(work.resolve("replication.yaml"), Sync.REPLICATION_YAML);
            Random random = new Random(SEED + kind.ordinal());
            Connection target = null;
            Duration runTime = null;
            int killed = 0;
            int finishedFirst = 0;
            long lost = 0;
            long duplicates = 0;
            long extra = 0;
            long differing = 0;
            Map<Integer, Integer> committedWhenKilled = new TreeMap<>();
            long t0 = System.nanoTime();
            Duration startUps = Duration.ZERO;
            long rerunNanos = 0;

            for (int trial = 0; trial < TRIALS; trial++) {
                if (trial % 4 == 0) {
                    target = kind.fresh(base.resolve("trial-" + trial));
                }
                Map<String, String> slow = variables(sim, target, CHILD_RATE);
                if (runTime == null) {
                    // Calibration: how long one whole run takes in a child, start-up included.
                    ChildRun whole = ChildRun.start(work, home, slow, "run", "-r", "replication.yaml", "-q");
                    assertThat(whole.awaitExit(Duration.ofSeconds(60))).as(whole.err()).isZero();
                    runTime = whole.runTime();
                    target = kind.fresh(base.resolve("trial-calibrated"));
                }
                Mutations.apply(sim, random);
                Thread.sleep(2); // changes get an `at` after any cursor stored so far
                Instant started = Instant.now();
                Duration delay = Duration.ofMillis((long) (random.nextDouble() * runTime.toMillis()));

                ChildRun child = ChildRun.start(work, home, slow, "run", "-r", "replication.yaml", "-q");
                boolean wasKilled = child.killAfter(delay);
                startUps = startUps.plus(child.startUp());
                if (wasKilled) {
                    killed++;
                    committedWhenKilled.merge(committedSince(target, started), 1, Integer::sum);
                } else {
                    finishedFirst++;
                }

                long r0 = System.nanoTime();
                CliRun rerun = CliRun.of(Environment.of(variables(sim, target, 1000), home, work),
                        "run", "-r", "replication.yaml", "-q");
                rerunNanos += System.nanoTime() - r0;
                Captured.add("rerun stdout", rerun.out());
                Captured.add("rerun stderr", rerun.err());
                assertThat(rerun.exitCode()).as("trial %d (killed after %d ms): rerun: %s", trial, delay.toMillis(),
                        rerun.err()).isZero();
                Truth.Verdict verdict = Truth.check(sim, target);
                lost += verdict.lost();
                duplicates += verdict.duplicates();
                extra += verdict.extra();
                differing += verdict.differences().size();
                assertThat(verdict.exact()).as("trial %d (killed after %d ms of %d): %s", trial, delay.toMillis(),
                        runTime.toMillis(), verdict).isTrue();
                if (trial % 4 == 3 || trial == TRIALS - 1) {
                    Sync.dump(target);
                }
            }
            String figures = TRIALS + " trials (" + killed + " killed mid-run, " + finishedFirst
                    + " finished before the kill; streams committed by the killed run → trials: " + committedWhenKilled
                    + "), a whole run " + runTime.toMillis() + " ms, rows lost " + lost + ", duplicates " + duplicates
                    + ", extra " + extra + ", differing " + differing + "; " + (System.nanoTime() - t0) / 1_000_000
                    + " ms in all, child start-up " + startUps.toMillis() / TRIALS + " ms and rerun "
                    + rerunNanos / 1_000_000 / TRIALS + " ms per trial";
            FIGURES.put(kind.name(), figures);
            assertThat(killed).as("trials that killed a running sync").isGreaterThanOrEqualTo(TRIALS / 2);
        }
    }

    @AfterAll
    static void report() {
        FIGURES.forEach((k, v) -> System.out.println("[reliability] crash trials into " + k + ": " + v));
    }

    /** The child's environment: the Toggl connection at {@code rate} requests/s and the target. */
    private static Map<String, String> variables(Simulator sim, Connection target, double rate) {
        String source = "{ type: api, spec: toggl-track, secrets: { api_token: " + sim.token() + " }, inputs: { base_url: '"
                + sim.baseUrl() + "', rate: " + rate + " } }";
        Captured.secret("simulator token", sim.token());
        if (target instanceof dev.togglsync.config.PostgresConnection) {
            Captured.secretsOf(target);
        }
        return Map.of("TOGGL_TRACK", source, "TARGET", TestTargets.url(target));
    }

    /** How many streams the killed run committed (state rows written since it started). */
    private static int committedSince(Connection target, Instant started) {
        try (Target t = Targets.open(target, Clock.systemUTC())) {
            return (int) t.states().stream().map(StoredState::state).filter(s -> s.syncedAt().isAfter(started)).count();
        }
    }
}
