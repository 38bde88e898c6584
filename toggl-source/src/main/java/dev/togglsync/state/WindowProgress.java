package dev.togglsync.state;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a windowed stream (report_time_entries, DESIGN.md §4) has read one workspace: every
 * date window from {@code historyStart} through {@code doneThrough} is committed, together with
 * this value, in the transaction of its rows. A run killed or stopped by the quota resumes at
 * {@code doneThrough + 1}; nothing before it is read again until the backfill has reached today.
 *
 * <p>Worked example (user zone Europe/Berlin, one-year windows, history_start 2023-03-10): the
 * first run commits 2023-03-10..2024-03-09 (windows 1) and 2024-03-10..2025-03-09 (windows 2),
 * then the quota stops it. The next run starts at 2025-03-10 and, on reaching today, marks the
 * workspace {@code backfilled}. From then on each run reads every window by {@code last_update}
 * down to {@code cursor} − 60 s and the trailing rescan days in full.
 *
 * @param historyStart the first day read, fixed by the first run so that later runs' windows line up
 * @param doneThrough the last day of the last committed window (in the user's zone)
 * @param windows windows committed so far (requests for extra pages not counted)
 * @param cursor the newest {@code at} among the rows read; empty before the first row
 * @param backfilled whether the windows have reached today once
 */
public record WindowProgress(LocalDate historyStart, LocalDate doneThrough, long windows, Optional<Instant> cursor,
        boolean backfilled) {
    public WindowProgress {
        Objects.requireNonNull(historyStart, "historyStart");
        Objects.requireNonNull(doneThrough, "doneThrough");
        Objects.requireNonNull(cursor, "cursor");
    }

    /** Nothing read yet: the first window starts at {@code historyStart}. */
    public static WindowProgress notStarted(LocalDate historyStart) {
        return new WindowProgress(historyStart, historyStart.minusDays(1), 0, Optional.empty(), false);
    }

    /** One more window committed, through {@code through}, whose rows had {@code newest} as their newest {@code at}. */
    public WindowProgress windowDone(LocalDate through, Optional<Instant> newest, boolean reachedToday) {
        Optional<Instant> c = cursor;
        if (newest.isPresent() && (c.isEmpty() || newest.get().isAfter(c.get()))) {
            c = newest;
        }
        return new WindowProgress(historyStart, through.isAfter(doneThrough) ? through : doneThrough, windows + 1, c,
                backfilled || reachedToday);
    }
}
