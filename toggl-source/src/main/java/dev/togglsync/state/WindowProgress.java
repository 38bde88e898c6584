package dev.togglsync.state;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

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
 * <p>The row counts and the page size are kept only so that {@code run --dry-run} can say how
 * many requests the next run needs (windows × pages): with 4,210 rows stored for the window
 * starting 2023-03-10 and pages of 1000 honoured, a full re-read of that window costs 5 requests.
 *
 * @param historyStart the first day read, fixed by the first run so that later runs' windows line up
 * @param doneThrough the last day of the last committed window (in the user's zone)
 * @param windows backfill windows committed so far (requests for extra pages not counted; the
 *     windows of later incremental runs not counted either)
 * @param cursor the newest {@code at} among the rows read; empty before the first row
 * @param backfilled whether the windows have reached today once
 * @param pageSize the most rows one page brought: the page size the server honoured once a window
 *     needed a second page; 0 before any row
 * @param windowRows rows read per backfill window, by the window's first day
 * @param rescanRows rows the last incremental run read in its rescan days; empty before one ran
 */
public record WindowProgress(LocalDate historyStart, LocalDate doneThrough, long windows, Optional<Instant> cursor,
        boolean backfilled, long pageSize, Map<LocalDate, Long> windowRows, OptionalLong rescanRows) {
    public WindowProgress {
        Objects.requireNonNull(historyStart, "historyStart");
        Objects.requireNonNull(doneThrough, "doneThrough");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(rescanRows, "rescanRows");
        windowRows = Collections.unmodifiableMap(new TreeMap<>(windowRows));
    }

    /** A value as version 2 of the state stored it, before row counts were kept. */
    public WindowProgress(LocalDate historyStart, LocalDate doneThrough, long windows, Optional<Instant> cursor,
            boolean backfilled) {
        this(historyStart, doneThrough, windows, cursor, backfilled, 0, Map.of(), OptionalLong.empty());
    }

    /** Nothing read yet: the first window starts at {@code historyStart}. */
    public static WindowProgress notStarted(LocalDate historyStart) {
        return new WindowProgress(historyStart, historyStart.minusDays(1), 0, Optional.empty(), false);
    }

    /**
     * One more backfill window committed, {@code from} through {@code through}, which brought
     * {@code rows} rows in pages of at most {@code largestPage}, the newest {@code at} being {@code newest}.
     */
    public WindowProgress windowDone(LocalDate from, LocalDate through, Optional<Instant> newest, long rows, long largestPage,
            boolean reachedToday) {
        Map<LocalDate, Long> counted = new TreeMap<>(windowRows);
        counted.put(from, rows);
        return new WindowProgress(historyStart, through.isAfter(doneThrough) ? through : doneThrough, windows + 1,
                newer(newest), backfilled || reachedToday, Math.max(pageSize, largestPage), counted, rescanRows);
    }

    /** Changes read by an incremental run (history by last_update): only the cursor and the page size move. */
    public WindowProgress changesRead(Optional<Instant> newest, long largestPage) {
        return new WindowProgress(historyStart, doneThrough, windows, newer(newest), backfilled,
                Math.max(pageSize, largestPage), windowRows, rescanRows);
    }

    /** The rescan days read in full by an incremental run: {@code rows} rows. */
    public WindowProgress rescanned(Optional<Instant> newest, long rows, long largestPage) {
        return new WindowProgress(historyStart, doneThrough, windows, newer(newest), backfilled,
                Math.max(pageSize, largestPage), windowRows, OptionalLong.of(rows));
    }

    private Optional<Instant> newer(Optional<Instant> newest) {
        if (newest.isPresent() && (cursor.isEmpty() || newest.get().isAfter(cursor.get()))) {
            return newest;
        }
        return cursor;
    }
}
