package dev.togglsync.engine;

import dev.togglsync.config.DurationText;
import dev.togglsync.http.QuotaBucket;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How often {@code run --every} really runs, given the budget: a cycle every {@link #interval}
 * (--every, or longer when the budget cannot pay for that many), the whole-read streams every
 * {@link #refreshInterval} (--refresh, or longer; empty = they never fit the budget).
 *
 * <p>Per bucket and hour, N cycles of cost {@code plain} and R refreshes costing {@code extra} more
 * must fit the allowance: R = min(1 h / refresh, allowance / refresh cost) first, then
 * N = (allowance − R × extra) / plain. For example, on Free (30 an hour in each bucket) with the
 * default 50 %: the user bucket allows 15; a refresh adds me and workspaces (2) to time_entries' 1,
 * an organization's 5 workspace streams cost about 6 of its 15, so R = 1 and N = (15 − 2) / 1 = 13:
 * time_entries every 4m37s, whatever --every asked below that.
 */
record Cadence(Duration interval, Optional<Duration> refreshInterval, String explanation) {
    private static final Duration HOUR = QuotaBudget.HOUR;

    static Cadence of(Schedule schedule, QuotaBudget budget, Map<QuotaBucket, Integer> plain,
            Map<QuotaBucket, Integer> refresh, boolean everyCycleStreams, boolean wholeReadStreams) {
        double hour = HOUR.toMillis();
        double r = 0;
        String refreshLimit = "";
        if (wholeReadStreams) {
            r = hour / schedule.refresh().toMillis();
            for (Map.Entry<QuotaBucket, Integer> c : refresh.entrySet()) {
                long allowance = budget.allowance(c.getKey());
                // A refresh that alone exceeds an hour's allowance would break the budget whenever it ran.
                double fits = c.getValue() > allowance ? 0 : (double) allowance / c.getValue();
                if (fits < r) {
                    r = fits;
                    refreshLimit = limit(budget, c.getKey(), c.getValue(), "a refresh");
                }
            }
        }
        Optional<Duration> refreshInterval = r > 0 ? Optional.of(max(schedule.refresh(), ceilSeconds(hour / r)))
                : Optional.empty();
        Duration interval;
        String cycleLimit = "";
        if (!everyCycleStreams) {
            interval = max(schedule.every(), refreshInterval.orElse(HOUR));
        } else {
            double n = Double.POSITIVE_INFINITY;
            Set<QuotaBucket> all = new LinkedHashSet<>(plain.keySet());
            all.addAll(refresh.keySet());
            for (QuotaBucket b : all) {
                int p = plain.getOrDefault(b, 0);
                int extra = Math.max(0, refresh.getOrDefault(b, 0) - p);
                if (p > 0) {
                    double fits = Math.max(0, (budget.allowance(b) - r * extra) / p);
                    if (fits < n) {
                        n = fits;
                        cycleLimit = limit(budget, b, p, "a cycle");
                    }
                }
            }
            n = Math.max(n, r);
            interval = n == Double.POSITIVE_INFINITY ? schedule.every()
                    : n <= 0 ? HOUR : max(schedule.every(), ceilSeconds(hour / n));
        }
        String cycles = "every cycle " + DurationText.format(interval)
                + (interval.equals(schedule.every()) ? " (--every)" : " instead of --every "
                        + DurationText.format(schedule.every()) + ", within the budget: " + cycleLimit);
        String why = refreshLimit;
        String refreshes = !wholeReadStreams ? "no whole-read streams"
                : refreshInterval.map(d -> "whole-read streams every " + DurationText.format(d)
                        + (d.equals(schedule.refresh()) ? " (--refresh)" : " instead of --refresh "
                                + DurationText.format(schedule.refresh()) + ", within the budget: " + why))
                        .orElse("whole-read streams never: a refresh alone needs more than the budget allows ("
                                + why + "); raise --quota-budget or select fewer streams");
        return new Cadence(interval, refreshInterval, cycles + "; " + refreshes);
    }

    /** "cost" for a plan line: "user 3, org:42 6". */
    static String describe(Map<QuotaBucket, Integer> cost) {
        return cost.isEmpty() ? "none" : cost.entrySet().stream().map(e -> e.getKey().label() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String limit(QuotaBudget budget, QuotaBucket b, int cost, String what) {
        return b.label() + " allows " + budget.allowance(b) + " of " + budget.total(b) + " requests an hour, "
                + what + " sends " + cost;
    }

    /** Whole seconds from a second up (what a person reads); below a second, whole milliseconds. */
    private static Duration ceilSeconds(double millis) {
        return millis < 1000 ? Duration.ofMillis((long) Math.ceil(millis)) : Duration.ofSeconds((long) Math.ceil(millis / 1000));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
