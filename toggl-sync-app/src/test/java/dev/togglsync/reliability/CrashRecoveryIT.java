package dev.togglsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.config.Connection;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.Environment;
import dev.togglsync.config.SqliteConnection;
import dev.togglsync.engine.Targets;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.simulator.Dataset;
import dev.togglsync.simulator.RecordedRequest;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.state.StreamState;
import dev.togglsync.state.WindowProgress;
import dev.togglsync.target.Target;
import dev.togglsync.testing.CliRun;
import dev.togglsync.testing.GroundTruth;
import dev.togglsync.testing.TableDump;
import dev.togglsync.testing.TestTargets;
import dev.togglsync.toggl.TogglStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery, by trial: {@code toggl-sync run} in a child process is killed with SIGKILL, and
 * the crash promise is checked twice (docs/behaviour.md "Crashes"):
 *
 * <ol>
 *   <li>At the moment of the kill, before anything else touches the target: every table and the
 *       state table are dumped, and per stream (each stream commits on its own) the stream's rows
 *       and its state row equal either the dump taken before the trial (the stream's state row did
 *       not change: its rows must not have either) or the dump after a complete run of the same
 *       Toggl data (the rerun's, which {@link Truth} proves equal to the ground truth; state rows
 *       compared without their times and row counts).</li>
 *   <li>After a clean rerun: every table equals the simulator's ground truth, no row lost, none
 *       duplicated, every value right.</li>
 * </ol>
 *
 * <p>Where the kill lands is steered, not left to chance: each trial aims at the kind of moment
 * (before the first commit, mid-load, after every commit) that has been hit least so far, and
 * finds it from the child's progress lines on stderr (one line per stream started and finished),
 * with a seeded random delay inside it. What the kill hit is then classified from the state rows
 * at the kill, not from the aim, and the test asserts that every kind was hit on every target.
 * Between trials Toggl changes (edits, deletes, additions), so most trials crash an incremental
 * run over existing tables; every fourth starts from an empty target, so crashes also hit table creation.
 *
 * <p>A second series kills a multi-window report_time_entries backfill (Reports API v3, one
 * commit per finished window) once a random number of its searches were answered: at the kill the
 * table holds exactly the rows of the windows its state says are finished; the rerun sends no
 * search for a finished window and ends equal to the ground truth.
 *
 * <p>{@value #DEFAULT_TRIALS} trials per target in the regular suite (and {@value #DEFAULT_HISTORY_TRIALS}
 * backfill kills); more by hand with {@code -Dcrash.trials=100} (and {@code -Dcrash.history.trials=N},
 * {@code -Dseed=N} to vary the kill moments).
 */
class CrashRecoveryIT {
    static final int DEFAULT_TRIALS = 20;
    static final int DEFAULT_HISTORY_TRIALS = 3;
    private static final int TRIALS = Integer.getInteger("crash.trials", Integer.getInteger("trials", DEFAULT_TRIALS));
    private static final int HISTORY_TRIALS = Integer.getInteger("crash.history.trials", DEFAULT_HISTORY_TRIALS);
    private static final long SEED = Long.getLong("seed", 20_260_101L);
    /** The killed run's pace: slow enough that each stream's load lasts long enough to be hit. */
    private static final double CHILD_RATE = 16;
    /** The killed backfill's pace: a few searches a second, so the kill can land between any two. */
    private static final double HISTORY_RATE = 12;
    private static final int HISTORY_PAGE = 200;
    private static final Map<String, String> FIGURES = Collections.synchronizedMap(new TreeMap<>());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The progress line of a finished stream (ProgressDisplay): "NAME: success, ...". */
    private static final Pattern FINISHED = Pattern.compile("(?m)^[a-z_]+: (success|failed|not run), ");
    private static final Pattern STARTED = Pattern.compile("(?m)^[a-z_]+: started$");
    private static final Pattern SEARCH = Pattern.compile("/reports/api/v3/workspace/(\\d+)/search/time_entries");

    /** What a kill hit, read from the state rows at the kill. */
    enum KillPoint {
        /** No stream committed by the killed run, none started (its progress line not printed). */
        BEFORE_FIRST_WRITE,
        /** Some streams committed, not all; or none committed but one started (a load in flight). */
        MID_LOAD,
        /** Every stream committed; the process had not ended yet. */
        AFTER_COMMIT
    }

    /** Shared by both tests: their series run side by side (see {@link #series}). */
    @TempDir
    static Path dir;

    private static ExecutorService pool;
    private static Map<String, Future<?>> series;

    @Test
    void killedAtEveryKindOfMomentTheTablesAreOldOrNewPerStreamAndTheRerunCompletes() throws Throwable {
        await("trials");
    }

    @Test
    void aBackfillKilledBetweenWindowsKeepsExactlyTheFinishedWindowsAndResumesAfterThem() throws Throwable {
        await("history");
    }

    /**
     * Both tests' series, started together by whichever test runs first: six threads, each with its
     * own simulator and folders (three targets × the two kinds of trial). Most of a trial is waiting
     * for a paced child, so running them side by side keeps the suite's time near the longest series'
     * rather than the sum of all six.
     */
    private static synchronized Map<String, Future<?>> series() {
        if (series == null) {
            pool = Executors.newFixedThreadPool(2 * TestTargets.values().length);
            series = new TreeMap<>();
            for (TestTargets kind : TestTargets.values()) {
                // The secret scan attributes each series' texts to the test that waits for it.
                series.put("trials " + kind, pool.submit(() -> {
                    Captured.attributeThisThreadTo(CrashRecoveryIT.class,
                            "killedAtEveryKindOfMomentTheTablesAreOldOrNewPerStreamAndTheRerunCompletes");
                    trials(kind);
                    return null;
                }));
                series.put("history " + kind, pool.submit(() -> {
                    Captured.attributeThisThreadTo(CrashRecoveryIT.class,
                            "aBackfillKilledBetweenWindowsKeepsExactlyTheFinishedWindowsAndResumesAfterThem");
                    historyTrials(kind);
                    return null;
                }));
            }
        }
        return series;
    }

    /**
     * Waits for {@code which} series; a hang fails the test instead of hanging the build. The limit
     * grows with the trials asked for (a trial takes 5–20 s on a busy machine).
     */
    private static void await(String which) throws Throwable {
        long limitSeconds = 120 + 25L * Math.max(TRIALS, HISTORY_TRIALS);
        for (Map.Entry<String, Future<?>> s : series().entrySet()) {
            if (s.getKey().startsWith(which + " ")) {
                try {
                    s.getValue().get(limitSeconds, java.util.concurrent.TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    throw e.getCause();
                } catch (java.util.concurrent.TimeoutException e) {
                    pool.shutdownNow();
                    throw new AssertionError("crash trials " + s.getKey() + " did not finish within " + limitSeconds
                            + " s: a child or a rerun hangs (the series' threads were interrupted)");
                }
            }
        }
    }

    private static void trials(TestTargets kind) throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000).withTimeEntries(2500, 0))) {
            Captured.secret("simulator token", sim.token());
            Path base = dir.resolve(kind.name());
            Path work = Files.createDirectories(base.resolve("work"));
            Path home = Files.createDirectories(base.resolve("home"));
            Files.writeString(work.resolve("replication.yaml"), Sync.REPLICATION_YAML);
            Random random = new Random(SEED + kind.ordinal());
            List<String> streams = TogglStream.star().stream().map(StreamSpec::name).toList();
            Connection target = null;
            String lastDump = "";
            int finishedFirst = 0;
            Map<KillPoint, Integer> inFlight = new EnumMap<>(KillPoint.class);
            long lost = 0;
            long duplicates = 0;
            long checkedStreams = 0;
            Map<KillPoint, Integer> hits = new EnumMap<>(KillPoint.class);
            Map<KillPoint, Integer> aims = new EnumMap<>(KillPoint.class);
            Map<Integer, Integer> committedWhenKilled = new TreeMap<>();
            // Until a trial has seen it: how long after the command's start the first stream commits.
            long firstCommitMillis = 300;
            long t0 = System.nanoTime();
            Duration startUps = Duration.ZERO;
            long rerunNanos = 0;

            for (int trial = 0; trial < TRIALS; trial++) {
                if (trial % 4 == 0) {
                    target = kind.fresh(base.resolve("trial-" + trial));
                }
                Map<String, String> slow = variables(sim, target, CHILD_RATE, Map.of());
                Mutations.apply(sim, random);
                Thread.sleep(2); // changes get an `at` after any cursor stored so far
                // Nothing touched the target since the last trial's final dump (Toggl changed, not the target).
                String before = trial % 4 == 0 ? TableDump.of(target) : lastDump;

                KillPoint aim = leastHit(hits, random);
                aims.merge(aim, 1, Integer::sum);
                // Progress lines on stderr: no -q.
                ChildRun child = ChildRun.start(work, home, slow, "run", "-r", "replication.yaml");
                Kill kill = kill(child, aim, streams.size(), firstCommitMillis, random);
                startUps = startUps.plus(child.startUp());
                if (kill.firstCommitMillis() > 0) {
                    firstCommitMillis = Math.min(firstCommitMillis, kill.firstCommitMillis());
                }
                String atKill = TableDump.of(target);

                long r0 = System.nanoTime();
                CliRun rerun = CliRun.of(Environment.of(variables(sim, target, 1000, Map.of()), home, work),
                        "run", "-r", "replication.yaml", "-q");
                rerunNanos += System.nanoTime() - r0;
                Captured.add("rerun stdout", rerun.out());
                Captured.add("rerun stderr", rerun.err());
                assertThat(rerun.exitCode()).as("trial %d (%s): rerun: %s", trial, kill, rerun.err()).isZero();
                String after = TableDump.of(target);
                lastDump = after;
                Truth.Verdict verdict = Truth.check(sim, target);
                lost += verdict.lost();
                duplicates += verdict.duplicates();
                assertThat(verdict.exact()).as("trial %d (%s): after the rerun: %s", trial, kill, verdict).isTrue();

                // The promise at the moment of the kill, stream by stream.
                List<String> committed = new ArrayList<>();
                List<String> broken = new ArrayList<>();
                Map<String, String> beforeTables = TableDump.tables(before);
                Map<String, String> atKillTables = TableDump.tables(atKill);
                Map<String, String> afterTables = TableDump.tables(after);
                for (String stream : streams) {
                    StreamDump was = StreamDump.of(beforeTables, stream);
                    StreamDump now = StreamDump.of(atKillTables, stream);
                    StreamDump complete = StreamDump.of(afterTables, stream);
                    if (now.state().equals(was.state())) {
                        if (!now.rows().equals(was.rows())) {
                            broken.add(stream + ": state row as before the trial, rows not (before " + was.summary()
                                    + ", at the kill " + now.summary() + ")");
                        }
                    } else {
                        committed.add(stream);
                        if (!now.rows().equals(complete.rows()) || !now.comparableState().equals(complete.comparableState())) {
                            broken.add(stream + ": state row changed, but rows and state are not those of a complete run"
                                    + " (at the kill " + now.summary() + " " + now.comparableState() + ", complete "
                                    + complete.summary() + " " + complete.comparableState() + ")");
                        }
                    }
                    checkedStreams++;
                }
                assertThat(broken).as("trial %d (%s): each stream old or new at the moment of the kill", trial, kill).isEmpty();

                if (kill.killed()) {
                    // Progress lines lag the commits (a stream's line is printed after its commit),
                    // so what was committed comes from the state rows, what had started from stderr.
                    boolean loadInFlight = kill.startedStreams() > committed.size();
                    KillPoint hit = committed.size() == streams.size() ? KillPoint.AFTER_COMMIT
                            : committed.isEmpty() && !loadInFlight ? KillPoint.BEFORE_FIRST_WRITE : KillPoint.MID_LOAD;
                    hits.merge(hit, 1, Integer::sum);
                    committedWhenKilled.merge(committed.size(), 1, Integer::sum);
                    if (loadInFlight) {
                        inFlight.merge(hit, 1, Integer::sum);
                    }
                } else {
                    finishedFirst++;
                }
                if (trial % 4 == 3 || trial == TRIALS - 1) {
                    Sync.dump(target);
                }
            }
            int killed = TRIALS - finishedFirst;
            String figures = TRIALS + " trials: " + killed + " killed (" + hits + "; aimed " + aims + "; streams committed"
                    + " by the killed run → trials: " + committedWhenKilled
                    + "; a stream started and not committed at the kill, by kind: " + inFlight + "), "
                    + finishedFirst + " ended before the kill; " + checkedStreams
                    + " stream states checked at the kill; after the rerun rows lost " + lost + ", duplicates " + duplicates
                    + "; " + (System.nanoTime() - t0) / 1_000_000 + " ms in all, child start-up "
                    + startUps.toMillis() / TRIALS + " ms and rerun " + rerunNanos / 1_000_000 / TRIALS + " ms per trial";
            FIGURES.put(kind.name(), figures);
            for (KillPoint point : KillPoint.values()) {
                assertThat(hits.getOrDefault(point, 0)).as("kills that landed %s into %s: %s", point, kind, figures)
                        .isPositive();
            }
            assertThat(killed).as("trials that killed a running sync: %s", figures).isGreaterThanOrEqualTo(TRIALS / 2);
        }
    }

    /** The kind of moment hit least so far; ties broken at random. */
    private static KillPoint leastHit(Map<KillPoint, Integer> hits, Random random) {
        int least = Integer.MAX_VALUE;
        List<KillPoint> candidates = new ArrayList<>();
        for (KillPoint p : KillPoint.values()) {
            int n = hits.getOrDefault(p, 0);
            if (n < least) {
                least = n;
                candidates.clear();
            }
            if (n == least) {
                candidates.add(p);
            }
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    /**
     * What the trial did to its child.
     *
     * @param firstCommitMillis when the first stream's finished line showed, from the command's
     *     start; 0 if it did not before the kill
     * @param startedStreams streams whose "started" line had shown when the kill was sent
     */
    record Kill(KillPoint aim, boolean killed, long atMillis, int startedStreams, int finishedStreams,
            long firstCommitMillis) {
        @Override
        public String toString() {
            return "aimed " + aim + ", " + (killed ? "killed" : "ended by itself before the kill") + " at " + atMillis
                    + " ms with " + startedStreams + " streams started and " + finishedStreams + " finished (progress lines)";
        }
    }

    /**
     * Kills {@code child} at a moment of kind {@code aim}, found from its progress lines: before the
     * first commit at a random moment of the time the first commit took so far; mid-load a random
     * delay (up to 250 ms) after the j-th stream finished, j random below the number of streams;
     * after every commit as soon as the last stream's line shows.
     */
    private static Kill kill(ChildRun child, KillPoint aim, int streams, long firstCommitMillis, Random random)
            throws InterruptedException {
        child.awaitRunStart();
        long start = System.nanoTime() - child.runTime().toNanos();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long killAtMillis = switch (aim) {
            case BEFORE_FIRST_WRITE -> (long) (random.nextDouble() * firstCommitMillis);
            case MID_LOAD, AFTER_COMMIT -> -1;
        };
        int finishedWanted = switch (aim) {
            case BEFORE_FIRST_WRITE -> 0;
            case MID_LOAD -> 1 + random.nextInt(streams - 1);
            case AFTER_COMMIT -> streams;
        };
        long extraMillis = aim == KillPoint.MID_LOAD ? random.nextInt(250) : 0;
        long firstCommit = 0;
        while (child.isAlive() && System.nanoTime() < deadline) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            int finished = count(FINISHED, child.err());
            if (finished > 0 && firstCommit == 0) {
                firstCommit = elapsed;
            }
            if (killAtMillis < 0 && finished >= finishedWanted) {
                killAtMillis = elapsed + extraMillis;
            }
            if (killAtMillis >= 0 && elapsed >= killAtMillis) {
                break;
            }
            Thread.sleep(1);
        }
        String err = child.err();
        int finished = count(FINISHED, err);
        int started = count(STARTED, err);
        long at = (System.nanoTime() - start) / 1_000_000;
        boolean killed = child.killNow();
        assertThat(System.nanoTime()).as("the child reached the moment aimed at (%s) within 120 s: %s", aim, err)
                .isLessThan(deadline);
        return new Kill(aim, killed, at, started, finished, firstCommit);
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * One stream's part of a {@link TableDump}: its table (header and sorted rows; "" when there is
     * none) and its row of the state table ("" when there is none).
     */
    record StreamDump(String rows, String state) {
        /** @param tables a dump split by {@link TableDump#tables} */
        static StreamDump of(Map<String, String> tables, String stream) {
            // SQLite names object toggl.X table toggl_X in its one schema main.
            String rows = tables.getOrDefault(Sync.SCHEMA + "." + stream, tables.getOrDefault("main." + Sync.SCHEMA + "_" + stream, ""));
            String state = "";
            for (Map.Entry<String, String> t : tables.entrySet()) {
                if (t.getKey().endsWith("._toggl_sync_state")) {
                    for (String line : t.getValue().split("\n")) {
                        String[] f = line.split("\t");
                        if (f.length == 4 && f[0].equals(Sync.CONNECTION) && f[1].equals(stream)) {
                            state = line;
                        }
                    }
                }
            }
            return new StreamDump(rows, state);
        }

        /**
         * The state row as any complete run of the same data writes it: without the time of the
         * run (synced_at, updated_at) and the rows read by that run (an incremental rerun reads fewer).
         */
        JsonNode comparableState() {
            if (state.isEmpty()) {
                return JSON.nullNode();
            }
            try {
                ObjectNode value = (ObjectNode) JSON.readTree(state.split("\t")[2]);
                value.remove(List.of("synced_at", "rows"));
                return value;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("state row is not JSON: " + state, e);
            }
        }

        String summary() {
            return rows.isEmpty() ? "no table" : rows.substring(0, rows.indexOf('\n')) + " sha " + TableDump.checksum(rows);
        }
    }

    // ---- report_time_entries: a backfill killed between its windows ----

    private static void historyTrials(TestTargets kind) throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults().withQuota(1_000_000).withTimeEntries(600, 4_000)
                .withHistory(SimulatorConfig.History.DEFAULT.withTeam(true).withDays(3 * 365)
                        .withReportsLimits(366, HISTORY_PAGE));
        StreamSpec spec = TogglStream.REPORT_TIME_ENTRIES.spec();
        try (Simulator sim = Simulator.start(config)) {
            Captured.secret("simulator token", sim.token());
            ZoneId zone = config.userTimeZone();
            LocalDate today = LocalDate.ofInstant(Instant.now(), zone);
            LocalDate historyStart = today.minusDays(1300);
            Path base = dir.resolve("history-" + kind.name());
            Path work = Files.createDirectories(base.resolve("work"));
            Path home = Files.createDirectories(base.resolve("home"));
            Files.writeString(work.resolve("replication.yaml"), """
                    source: TOGGL_TRACK
                    target: TARGET
                    streams:
                      report_time_entries:
                        object: toggl.report_time_entries
                        mode: incremental
                    """);
            Map<String, String> history = Map.of("history_start", historyStart.toString(), "history_rescan_days", "35");
            Map<Long, Map<String, Object>> truth = typed(GroundTruth.reportRows(sim.dataset(),
                    historyStart.atStartOfDay(zone).toInstant(), today.plusDays(1).atStartOfDay(zone).toInstant()), spec);
            Random random = new Random(SEED + 100 + kind.ordinal());
            long searchesPerBackfill = backfillSearches(sim.dataset(), historyStart, today, zone);
            // Windows of a year (366 days, the simulator's limit) per workspace, two workspaces.
            long windowsPerBackfill = 2 * ((java.time.temporal.ChronoUnit.DAYS.between(historyStart, today) + 1 + 365) / 366);
            Map<Long, Integer> windowsAtKill = new TreeMap<>();
            int killed = 0;
            int midBackfill = 0;
            long skippedSearches = 0;
            long t0 = System.nanoTime();

            for (int trial = 0; trial < HISTORY_TRIALS; trial++) {
                Connection target = kind.fresh(base.resolve("trial-" + trial));
                sim.clearRequests();
                ChildRun child = ChildRun.start(work, home, variables(sim, target, HISTORY_RATE, history), "run", "-r",
                        "replication.yaml", "-q");
                child.awaitRunStart();
                // Kill once a random number of the backfill's searches were answered, then a random
                // part of one pacing interval: between two windows' commits or inside a window.
                // The first trial's kill lands half-way, so that every target sees at least one
                // backfill killed with some windows finished and some not.
                long killAfterSearches = trial == 0 ? searchesPerBackfill / 2 : 1 + random.nextInt((int) searchesPerBackfill - 1);
                while (child.isAlive() && searches(sim).size() < killAfterSearches) {
                    Thread.sleep(2);
                }
                Thread.sleep(random.nextInt((int) (1000 / HISTORY_RATE)));
                boolean wasKilled = child.killNow();
                killed += wasKilled ? 1 : 0;

                // At the kill: exactly the rows of the windows the state says are finished.
                Map<Long, WindowProgress> progress = progress(target);
                Map<Long, Map<String, Object>> expected = new TreeMap<>();
                int windows = 0;
                for (Map.Entry<Long, WindowProgress> p : progress.entrySet()) {
                    windows += (int) p.getValue().windows();
                    Instant from = p.getValue().historyStart().atStartOfDay(zone).toInstant();
                    Instant to = p.getValue().doneThrough().plusDays(1).atStartOfDay(zone).toInstant();
                    // The ground truth's rows of this workspace started inside its finished windows.
                    truth.forEach((id, row) -> {
                        Instant start = (Instant) row.get("start");
                        if (((Long) row.get("workspace_id")).equals(p.getKey()) && !start.isBefore(from) && start.isBefore(to)) {
                            expected.put(id, row);
                        }
                    });
                }
                windowsAtKill.merge((long) windows, 1, Integer::sum);
                if (windows > 0 && windows < windowsPerBackfill) {
                    midBackfill++;
                }
                Truth.Stored atKill = exists(target) ? Truth.stored(target, spec) : new Truth.Stored(Map.of(), 0);
                assertThat(atKill.duplicates()).as("trial %d: duplicates at the kill", trial).isZero();
                assertThat(new TreeMap<>(atKill.rows())).as("trial %d: rows at the kill = rows of the windows done %s",
                        trial, progress).isEqualTo(expected);

                sim.clearRequests();
                CliRun rerun = CliRun.of(Environment.of(variables(sim, target, 10_000, history), home, work),
                        "run", "-r", "replication.yaml", "-q");
                Captured.add("rerun stdout", rerun.out());
                Captured.add("rerun stderr", rerun.err());
                assertThat(rerun.exitCode()).as("trial %d: rerun: %s", trial, rerun.err()).isZero();
                List<RecordedRequest> searches = searches(sim);
                for (RecordedRequest r : searches) {
                    Matcher m = SEARCH.matcher(r.path());
                    assertThat(m.matches()).isTrue();
                    WindowProgress done = progress.get(Long.parseLong(m.group(1)));
                    if (done != null && !done.backfilled()) {
                        LocalDate start = LocalDate.parse(r.body().replaceAll(".*\"start_date\":\"([0-9-]+)\".*", "$1"));
                        assertThat(start).as("trial %d: the rerun's search %s of a workspace done through %s", trial,
                                r.body(), done.doneThrough()).isAfter(done.doneThrough());
                    }
                }
                if (wasKilled) {
                    skippedSearches += searchesPerBackfill - searches.size();
                }
                Truth.Stored done = Truth.stored(target, spec);
                assertThat(done.duplicates()).as("trial %d: duplicates after the rerun", trial).isZero();
                assertThat(new TreeMap<>(done.rows())).as("trial %d: after the rerun", trial).isEqualTo(truth);
            }
            FIGURES.put("history " + kind.name(), HISTORY_TRIALS + " backfills killed at a random search (" + killed
                    + " killed, " + midBackfill + " with some windows finished and some not, " + searchesPerBackfill + " searches and " + windowsPerBackfill + " windows in a whole backfill; windows committed at the kill → trials: "
                    + windowsAtKill + "); the reruns sent " + skippedSearches + " fewer searches than a backfill"
                    + " (finished windows not read again); " + (System.nanoTime() - t0) / 1_000_000 + " ms in all");
            assertThat(killed).as("backfills killed before their end").isGreaterThanOrEqualTo((HISTORY_TRIALS + 1) / 2);
            assertThat(midBackfill).as("backfills killed with some windows finished and some not: %s", windowsAtKill)
                    .isPositive();
        }
    }

    /** A whole backfill's searches: per workspace and window of a year one, plus one per further page (as HistoryIT). */
    private static long backfillSearches(Dataset d, LocalDate from, LocalDate today, ZoneId zone) {
        long requests = 0;
        for (long wid : List.of(Dataset.PREMIUM_WORKSPACE_ID, Dataset.FREE_WORKSPACE_ID)) {
            for (LocalDate s = from; !s.isAfter(today); s = s.plusDays(366)) {
                LocalDate e = s.plusDays(365).isAfter(today) ? today : s.plusDays(365);
                long n = d.reportRows(wid, s.atStartOfDay(zone).toInstant(), e.plusDays(1).atStartOfDay(zone).toInstant()).count();
                requests += Math.max(1, (n + HISTORY_PAGE - 1) / HISTORY_PAGE);
            }
        }
        return requests;
    }

    private static List<RecordedRequest> searches(Simulator sim) {
        return sim.requests().stream().filter(r -> r.method().equals("POST") && SEARCH.matcher(r.path()).matches()).toList();
    }

    /** The windows report_time_entries has committed per workspace; none when nothing was committed. */
    private static Map<Long, WindowProgress> progress(Connection target) {
        if (!exists(target)) {
            return Map.of();
        }
        try (Target t = Targets.open(target, Clock.systemUTC())) {
            return t.state(Sync.CONNECTION, TogglStream.REPORT_TIME_ENTRIES.spec().name()).map(StreamState::windows)
                    .map(w -> (Map<Long, WindowProgress>) new TreeMap<>(w)).orElse(Map.of());
        }
    }

    private static Map<Long, Map<String, Object>> typed(List<ObjectNode> records, StreamSpec spec) {
        Map<Long, Map<String, Object>> out = new HashMap<>();
        for (ObjectNode r : records) {
            out.put(r.get("id").asLong(), Truth.typed(r, spec));
        }
        return out;
    }

    /** Whether the target exists at all: a killed first run may not have created a DuckDB or SQLite file. */
    private static boolean exists(Connection target) {
        if (target instanceof DuckDbConnection d) {
            return Files.exists(d.path());
        }
        if (target instanceof SqliteConnection s) {
            return Files.exists(s.path());
        }
        return true;
    }

    @AfterAll
    static void report() {
        if (pool != null) {
            pool.shutdownNow();
        }
        FIGURES.forEach((k, v) -> System.out.println("[reliability] crash trials into " + k + ": " + v));
    }

    /** The child's environment: the Toggl connection at {@code rate} requests/s with {@code inputs}, and the target. */
    private static Map<String, String> variables(Simulator sim, Connection target, double rate, Map<String, String> inputs) {
        StringBuilder more = new StringBuilder();
        inputs.forEach((k, v) -> more.append(", ").append(k).append(": ").append(v));
        String source = "{ type: api, spec: toggl-track, secrets: { api_token: " + sim.token() + " }, inputs: { base_url: '"
                + sim.baseUrl() + "', rate: " + rate + more + " } }";
        Captured.secret("simulator token", sim.token());
        if (target instanceof dev.togglsync.config.PostgresConnection) {
            Captured.secretsOf(target);
        }
        return Map.of("TOGGL_TRACK", source, "TARGET", TestTargets.url(target));
    }
}
