package dev.togglsync.engine;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Connection;
import dev.togglsync.config.Mode;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.http.HttpListener;
import dev.togglsync.http.QuotaBucket;
import dev.togglsync.target.Target;
import dev.togglsync.toggl.SourceOptions;
import dev.togglsync.toggl.TogglStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code run --every}: one process runs the plan, sleeps, runs it again, until a stop is requested
 * (exit 0) or Toggl refuses the token (exit 3: waiting cannot fix that). Each cycle is one
 * {@link Engine#run} with the same plan, the target kept open between cycles (reopened after a
 * target failure).
 *
 * <p>What a cycle reads: the streams read from a cursor (time_entries incremental: one request when
 * nothing changed) every cycle; the whole-read streams only when {@code --refresh} is due and the
 * quota budget can pay for them ({@link QuotaBudget}, {@link Cadence}). The first cycle reads
 * everything, so every table exists after it.
 *
 * <p>A failed cycle is logged with its reason and retried after a growing pause (every × 2, × 4,
 * × 8 at most); a quota exhausted beyond max_quota_wait waits for the bucket's reset.
 */
final class EveryLoop {
    private static final Logger LOG = Logger.getLogger(EveryLoop.class.getName());

    private final TogglConnection source;
    private final Connection targetConnection;
    private final List<PlannedLoad> all;
    private final List<PlannedLoad> everyCycle;
    private final boolean wholeRead;
    private final SourceOptions options;
    private final Schedule schedule;
    private final StopSignal stop;
    private final CycleListener listener;
    private final Clock clock;
    private final QuotaBudget budget;
    private final RecentRows recent = RecentRows.acrossCycles();
    private Map<QuotaBucket, Integer> plainCost;
    private Map<QuotaBucket, Integer> refreshCost;
    private Cadence cadence;
    private Target target;

    EveryLoop(TogglConnection source, Connection target, List<PlannedLoad> loads, SourceOptions options,
            Schedule schedule, StopSignal stop, CycleListener listener) {
        this.source = source;
        this.targetConnection = target;
        this.all = List.copyOf(loads);
        this.everyCycle = loads.stream().filter(EveryLoop::readsFromCursor).toList();
        this.wholeRead = everyCycle.size() < loads.size();
        this.clock = options.clock();
        this.budget = new QuotaBudget(clock, schedule.quotaBudgetPercent());
        this.options = options.withListener(HttpListener.all(options.listener(), budget));
        this.schedule = schedule;
        this.stop = stop;
        this.listener = listener;
        // Estimates until a cycle of each kind was measured: a stream of the user's scope sends one
        // request to the user's bucket; what organizations' buckets pay is known after the first cycle.
        this.plainCost = userRequests(everyCycle);
        this.refreshCost = userRequests(all);
    }

    /** The same decision {@link ReadRequests} makes: these streams ask only for what changed. */
    static boolean readsFromCursor(PlannedLoad load) {
        return load.stream().mode() == Mode.INCREMENTAL && load.stream().spec().incremental();
    }

    ExitCode run() {
        try {
            cadence = Cadence.of(schedule, budget, plainCost, refreshCost, !everyCycle.isEmpty(), wholeRead);
            listener.cadence(cadence.explanation() + " (estimated before the first cycle; buckets assumed "
                    + QuotaBudget.ASSUMED_TOTAL + " an hour until Toggl's headers say more)", cadence.interval());
            return loop();
        } finally {
            closeTarget();
        }
    }

    private ExitCode loop() {
        long cycle = 0;
        int failures = 0;
        Instant lastRefresh = null;
        while (!stop.requested()) {
            Instant now = clock.instant();
            boolean refresh = wholeRead && (lastRefresh == null || refreshDue(lastRefresh, now));
            if (refresh && lastRefresh != null && !budget.fitsAt(refreshCost, now).map(at -> !at.isAfter(now)).orElse(false)) {
                LOG.log(Level.FINE, "whole-read streams due but not within the quota budget now; time_entries only");
                refresh = false;
            }
            if (!refresh && everyCycle.isEmpty()) {
                Instant next = cadence.refreshInterval().map(lastRefresh::plus).orElse(now.plus(QuotaBudget.HOUR));
                sleepUntil(next.isAfter(now) ? next : now.plus(schedule.every()), "until the whole-read streams fit the budget");
                continue;
            }
            Map<QuotaBucket, Integer> cost = refresh ? refreshCost : plainCost;
            Optional<Instant> fits = budget.fitsAt(cost, now);
            if (fits.isEmpty()) {
                throw TogglSyncException.invalidInput("--quota-budget " + schedule.quotaBudgetPercent() + ": a cycle sends "
                        + Cadence.describe(cost) + " requests, more than the budget allows any bucket in an hour;"
                        + " raise --quota-budget");
            }
            if (fits.get().isAfter(now)) {
                sleepUntil(fits.get(), "quota budget: the last hour's requests leave no room for a cycle before then");
                continue;
            }
            cycle++;
            Instant started = now;
            CycleReport report = runCycle(cycle, refresh);
            listener.cycleFinished(report);
            if (stop.requested()) {
                break;
            }
            if (report.succeeded()) {
                failures = 0;
                if (refresh) {
                    lastRefresh = started;
                    refreshCost = report.requests();
                } else {
                    plainCost = report.requests();
                }
                Cadence next = Cadence.of(schedule, budget, plainCost, refreshCost, !everyCycle.isEmpty(), wholeRead);
                if (!next.explanation().equals(cadence.explanation())) {
                    listener.cadence(next.explanation() + " (measured in cycle " + cycle + ")", next.interval());
                }
                cadence = next;
                sleepUntil(started.plus(cadence.interval()), "next cycle");
                continue;
            }
            failures++;
            Instant retry = clock.instant().plus(max(cadence.interval(), schedule.backoff(failures)));
            switch (report.outcome()) {
                case AUTHENTICATION -> {
                    LOG.log(Level.SEVERE, "cycle " + cycle + ": " + report.failure().orElse("authentication failed")
                            + "; stopping: waiting cannot fix refused credentials");
                    return ExitCode.AUTHENTICATION;
                }
                case QUOTA_EXHAUSTED -> retry = max(retry, budget.latestReset().orElse(clock.instant().plus(QuotaBudget.HOUR)));
                case TARGET -> closeTarget();
                case SUCCESS, UNEXPECTED, INVALID_INPUT, STREAMS_FAILED -> { }
            }
            LOG.log(Level.WARNING, "cycle " + cycle + " failed (" + failures + " in a row): "
                    + report.failure().orElse(report.outcome().name()) + "; next attempt in "
                    + dev.togglsync.config.DurationText.format(Duration.between(clock.instant(), retry)));
            sleepUntil(retry, "retry after a failed cycle");
        }
        return ExitCode.SUCCESS;
    }

    private boolean refreshDue(Instant lastRefresh, Instant now) {
        return cadence.refreshInterval().map(d -> !now.isBefore(lastRefresh.plus(d))).orElse(false);
    }

    private CycleReport runCycle(long cycle, boolean refresh) {
        listener.cycleStarted(cycle, refresh);
        budget.startCycle();
        List<PlannedLoad> loads = refresh ? all : everyCycle;
        try {
            if (target == null) {
                target = Targets.open(targetConnection, clock);
            }
            RunReport run = Engine.run(source, target, loads, options, listener, stop, recent);
            ExitCode outcome = run.exitCode();
            Optional<String> failure = run.stoppedBy().map(RunReport.StopReason::message)
                    .or(() -> run.streams().stream().filter(s -> s.status() == StreamStatus.FAILED).findFirst()
                            .map(s -> s.stream() + ": " + s.error().orElse("failed")));
            if (outcome == ExitCode.SUCCESS && !stop.requested()) {
                failure = Optional.empty();
            }
            return new CycleReport(cycle, refresh, Optional.of(run), outcome, failure, budget.cycleCost(),
                    clock.instant());
        } catch (TogglSyncException e) {
            return new CycleReport(cycle, refresh, Optional.empty(), e.exitCode(), Optional.of(e.getMessage()),
                    budget.cycleCost(), clock.instant());
        } catch (StopSignal.Stopped e) {
            return new CycleReport(cycle, refresh, Optional.empty(), ExitCode.SUCCESS, Optional.of(e.getMessage()),
                    budget.cycleCost(), clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cycle " + cycle + ": failure detail", e);
            return new CycleReport(cycle, refresh, Optional.empty(), ExitCode.UNEXPECTED,
                    Optional.of("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()),
                    budget.cycleCost(), clock.instant());
        }
    }

    private void sleepUntil(Instant until, String why) {
        Duration d = Duration.between(clock.instant(), until);
        if (d.isNegative() || d.isZero() || stop.requested()) {
            return;
        }
        listener.sleeping(until, why);
        try {
            options.sleeper().sleep(d);
        } catch (StopSignal.Stopped e) {
            // The stop ends the loop at the top of the next turn.
        }
    }

    private void closeTarget() {
        recent.clear(); // a reopened target is read afresh: remember only what is committed to it from now on
        if (target != null) {
            try {
                target.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing the target failed", e);
            }
            target = null;
        }
    }

    private static Map<QuotaBucket, Integer> userRequests(List<PlannedLoad> loads) {
        Map<QuotaBucket, Integer> cost = new HashMap<>();
        for (PlannedLoad load : loads) {
            if (TogglStream.of(load.stream().spec()).scope().quota() == QuotaBucket.Kind.USER) {
                cost.merge(QuotaBucket.USER, 1, Integer::sum);
            }
        }
        return cost;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
