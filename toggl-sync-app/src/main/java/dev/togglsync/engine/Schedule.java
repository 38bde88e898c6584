package dev.togglsync.engine;

import dev.togglsync.TogglSyncException;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code run --every} was asked for, checked once.
 *
 * @param every the pause between the starts of two cycles; time_entries (incremental) runs every cycle
 * @param refresh how often the whole-read streams (everything not read from a cursor) run
 * @param quotaBudgetPercent the largest share of any hourly quota bucket the loop spends in an hour
 */
public record Schedule(Duration every, Duration refresh, int quotaBudgetPercent) {
    public static final Duration DEFAULT_REFRESH = Duration.ofHours(1);
    public static final int DEFAULT_QUOTA_BUDGET_PERCENT = 50;
    /** A failing cycle is retried after every × 2, × 4, then × 8 at most. */
    static final int MAX_BACKOFF_FACTOR = 8;

    public Schedule {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(refresh, "refresh");
        if (every.isNegative() || every.isZero()) {
            throw TogglSyncException.invalidInput("--every " + every + ": must be longer than 0; e.g. --every 5m");
        }
        if (refresh.isNegative() || refresh.isZero()) {
            throw TogglSyncException.invalidInput("--refresh " + refresh + ": must be longer than 0; e.g. --refresh 1h");
        }
        if (quotaBudgetPercent < 1 || quotaBudgetPercent > 100) {
            throw TogglSyncException.invalidInput("--quota-budget " + quotaBudgetPercent
                    + ": must be a percentage from 1 to 100 (default " + DEFAULT_QUOTA_BUDGET_PERCENT + ")");
        }
    }

    /** The pause after the {@code failures}-th failed cycle in a row: every × 2^failures, at most every × 8. */
    Duration backoff(int failures) {
        long factor = Math.min(MAX_BACKOFF_FACTOR, 1L << Math.min(failures, 30));
        return every.multipliedBy(factor);
    }
}
