package dev.togglsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.ExitCode;
import dev.togglsync.config.Connection;
import dev.togglsync.engine.CycleListener;
import dev.togglsync.engine.CycleReport;
import dev.togglsync.engine.Engine;
import dev.togglsync.engine.PlannedLoad;
import dev.togglsync.engine.RunPlanner;
import dev.togglsync.engine.Schedule;
import dev.togglsync.engine.StopSignal;
import dev.togglsync.engine.StreamStatus;
import dev.togglsync.simulator.Dataset;
import dev.togglsync.simulator.Fault;
import dev.togglsync.simulator.FaultRule;
import dev.togglsync.simulator.ManualClock;
import dev.togglsync.simulator.RecordedRequest;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.TestTargets;
import dev.togglsync.toggl.SourceOptions;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --every}'s loop in this JVM against the simulator over HTTP and a real DuckDB file, on a
 * simulator clock that only the loop's and the HTTP layer's waits move: hours of cycles run in
 * seconds. What it proves: the Free-plan cadence the budget computes is what happens (no bucket
 * ever gets more than half its hourly quota in any hour, no 402), a failing cycle backs off
 * every × 2, × 4, × 8, × 8, a refused token ends the loop with exit 3, and a stop mid-stream rolls
 * that stream back and ends the loop with exit 0.
 */
class EveryBudgetIT {
    @TempDir
    Path dir;

    @Test
    void onFreeTheDefaultBudgetRunsTimeEntriesEvery4m37sAndNeverSpendsMoreThanHalfOfABucketInAnHour() {
        ManualClock clock = new ManualClock(Instant.now());
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withClock(clock).withQuota(30, 30, 30)
                .withTimeEntries(300, 0))) {
            Instant start = clock.instant();
            Loop loop = new Loop(sim, clock, new Schedule(Duration.ofSeconds(5), Duration.ofHours(1), 50),
                    c -> clock.instant().isAfter(start.plus(Duration.ofHours(3))));

            ExitCode code = loop.run(TestTargets.DUCKDB.fresh(dir));

            assertThat(code).isEqualTo(ExitCode.SUCCESS);
            assertThat(loop.cadences).as("the plan at start and after measuring")
                    .anySatisfy(c -> assertThat(c).startsWith("every cycle 4m37s instead of --every 5s, within the budget: user allows 15 of 30"));
            assertThat(loop.cadences.get(loop.cadences.size() - 1)).contains("whole-read streams every 1h (--refresh)");
            assertThat(sim.requests()).extracting(RecordedRequest::status).doesNotContain(402);
            Map<String, List<Instant>> perBucket = new HashMap<>();
            for (RecordedRequest r : sim.requests()) {
                perBucket.computeIfAbsent(bucket(r), k -> new ArrayList<>()).add(r.time());
            }
            perBucket.forEach((bucket, times) -> assertThat(maxInAnyHour(times)).as(bucket + " requests in any hour")
                    .isLessThanOrEqualTo(15));
            // 3 hours at 4m37s: 39 cycles, of which the whole-read streams ran in 3 (at 0, 1 h and 2 h).
            assertThat(loop.cycles).hasSizeBetween(38, 40);
            assertThat(loop.cycles).filteredOn(CycleReport::refresh).hasSize(3);
            assertThat(loop.cycles).allSatisfy(c -> assertThat(c.succeeded()).as(c.toString()).isTrue());
            assertThat(sim.requests()).filteredOn(r -> r.path().equals("/api/v9/me/projects")).isEmpty();
        }
    }

    @Test
    void aFailingCycleIsRetriedAfterEveryTimesTwoFourEightAndEightThenRecovers() {
        ManualClock clock = new ManualClock(Instant.now());
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withClock(clock).withQuota(100_000)
                .withTimeEntries(300, 0))) {
            List<Instant> starts = new ArrayList<>();
            Loop loop = new Loop(sim, clock, new Schedule(Duration.ofMinutes(5), Duration.ofHours(1), 50), c -> {
                if (c.cycle() == 1) {
                    sim.faults().add(FaultRule.on("/api/v9/me/time_entries", new Fault.Respond(500, "text/plain", "boom", null)).always());
                }
                if (c.cycle() == 5) {
                    sim.faults().clear();
                }
                return c.cycle() == 7;
            });
            loop.onStart = (n, refresh) -> starts.add(clock.instant());

            assertThat(loop.run(TestTargets.DUCKDB.fresh(dir))).isEqualTo(ExitCode.SUCCESS);

            assertThat(loop.cycles).extracting(CycleReport::succeeded).containsExactly(true, false, false, false, false, true, true);
            assertThat(loop.cycles.get(1).failure()).hasValueSatisfying(f -> assertThat(f).contains("time_entries").contains("500"));
            // Each failed cycle spends 150 s in the HTTP layer's retries (10 + 20 + 40 + 80) before the pause, and a
            // refresh cycle up to 20 s more in pacing (1 request/s).
            Duration retries = Duration.ofSeconds(150);
            assertThat(Duration.between(starts.get(1), starts.get(2)).minus(retries)).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(10).plusSeconds(20));
            assertThat(Duration.between(starts.get(2), starts.get(3)).minus(retries)).isBetween(Duration.ofMinutes(20), Duration.ofMinutes(20).plusSeconds(20));
            assertThat(Duration.between(starts.get(3), starts.get(4)).minus(retries)).isBetween(Duration.ofMinutes(40), Duration.ofMinutes(40).plusSeconds(20));
            assertThat(Duration.between(starts.get(4), starts.get(5)).minus(retries)).isBetween(Duration.ofMinutes(40), Duration.ofMinutes(40).plusSeconds(20));
            assertThat(Duration.between(starts.get(5), starts.get(6))).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void aRefusedTokenEndsTheLoopWithExitThree() {
        ManualClock clock = new ManualClock(Instant.now());
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withClock(clock).withQuota(100_000)
                .withTimeEntries(300, 0))) {
            Loop loop = new Loop(sim, clock, new Schedule(Duration.ofMinutes(5), Duration.ofHours(1), 50), c -> {
                if (c.cycle() == 2) {
                    sim.faults().add(FaultRule.on("/api/v9/me/time_entries", new Fault.Respond(403, "text/plain", "\"Incorrect username and/or password\"", null)).always());
                }
                return c.cycle() == 10;
            });

            assertThat(loop.run(TestTargets.DUCKDB.fresh(dir))).isEqualTo(ExitCode.AUTHENTICATION);
            assertThat(loop.cycles).hasSize(3);
            assertThat(loop.cycles.get(2).outcome()).isEqualTo(ExitCode.AUTHENTICATION);
        }
    }

    @Test
    void aStopMidStreamRollsThatStreamBackAndEndsTheLoopWithExitZero() throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withClock(clock).withQuota(100_000)
                .withTimeEntries(3000, 0))) {
            Connection target = TestTargets.DUCKDB.fresh(dir);
            Loop loop = new Loop(sim, clock, new Schedule(Duration.ofMinutes(5), Duration.ofHours(1), 50), c -> false);
            // time_entries reports progress every 1000 rows: the stop comes in the middle of its first read.
            loop.onRows = (stream, rows) -> {
                if (stream.equals("time_entries")) {
                    loop.stop.request("test");
                }
            };

            assertThat(loop.run(target)).isEqualTo(ExitCode.SUCCESS);

            assertThat(loop.cycles).singleElement().satisfies(c -> {
                assertThat(c.run().orElseThrow().streams()).filteredOn(s -> s.stream().equals("time_entries"))
                        .singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(StreamStatus.FAILED));
                assertThat(c.run().orElseThrow().streams()).filteredOn(s -> s.stream().equals("projects"))
                        .singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(StreamStatus.SUCCESS));
            });
            try (java.sql.Connection db = TestTargets.open(target); Statement s = db.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'time_entries'")) {
                r.next();
                assertThat(r.getLong(1)).as("time_entries rolled back: no table").isZero();
            }
        }
    }

    /** The loop with the simulator's clock, a sleeper that advances it, and a listener that stops it. */
    private static final class Loop {
        final Simulator sim;
        final ManualClock clock;
        final Schedule schedule;
        final Predicate<CycleReport> stopAfter;
        final StopSignal stop = StopSignal.create();
        final List<CycleReport> cycles = Collections.synchronizedList(new ArrayList<>());
        final List<String> cadences = new ArrayList<>();
        java.util.function.BiConsumer<Long, Boolean> onStart = (n, r) -> {};
        java.util.function.BiConsumer<String, Long> onRows = (s, r) -> {};

        Loop(Simulator sim, ManualClock clock, Schedule schedule, Predicate<CycleReport> stopAfter) {
            this.sim = sim;
            this.clock = clock;
            this.schedule = schedule;
            this.stopAfter = stopAfter;
        }

        ExitCode run(Connection target) {
            SourceOptions options = SourceOptions.defaults().withClock(clock).withSleeper(clock::advance);
            List<PlannedLoad> loads = RunPlanner.plan(Sync.plan(clock));
            return Engine.runEvery(Sync.source(sim, 1, Duration.ofHours(1)), target, loads, options, schedule, stop,
                    new CycleListener() {
                        @Override
                        public void cadence(String explanation, Duration interval) {
                            cadences.add(Captured.add("run --every cadence", explanation));
                        }

                        @Override
                        public void cycleStarted(long cycle, boolean refresh) {
                            onStart.accept(cycle, refresh);
                        }

                        @Override
                        public void rowsLoaded(PlannedLoad load, long rows) {
                            onRows.accept(load.name(), rows);
                        }

                        @Override
                        public void cycleFinished(CycleReport report) {
                            // A cycle's report holds the errors of a failed cycle, as printed.
                            Captured.add("run --every cycle", report.toString());
                            cycles.add(report);
                            if (stopAfter.test(report)) {
                                stop.request("test");
                            }
                        }
                    });
        }
    }

    private static String bucket(RecordedRequest r) {
        if (r.path().startsWith("/api/v9/me")) {
            return "user";
        }
        return r.path().contains("/" + Dataset.FREE_WORKSPACE_ID + "/") ? "free organization" : "premium organization";
    }

    private static int maxInAnyHour(List<Instant> times) {
        List<Instant> sorted = times.stream().sorted().toList();
        int max = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (!sorted.get(j).isAfter(sorted.get(i).minus(Duration.ofHours(1)))) {
                j++;
            }
            max = Math.max(max, i - j + 1);
        }
        return max;
    }
}
