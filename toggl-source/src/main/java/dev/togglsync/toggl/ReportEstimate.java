package dev.togglsync.toggl;

import dev.togglsync.state.WindowProgress;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * report_time_entries' request estimate for {@code run --dry-run}: windows × expected pages per
 * workspace, the pages being the rows stored last time ({@link WindowProgress#windowRows},
 * {@link WindowProgress#rescanRows}) divided by the page size the server honoured, at least one
 * request a window. What a run reads follows {@link ReportTimeEntries}:
 * <ul>
 *   <li>incremental, backfilled: one request per history window before the rescan days (read by
 *       last_update, they stop at the first unchanged row: one page unless more than a page of rows
 *       changed), then the rescan days' pages from the rows the last rescan read (before any
 *       rescan: the backfill's rows per day × the rescan days);</li>
 *   <li>incremental, backfill unfinished: the windows left to today, each with the finished
 *       windows' average rows;</li>
 *   <li>full refresh: every stored window again with its stored rows, one request for each
 *       window of the days since.</li>
 * </ul>
 * Worked example (ReportEstimateTest): one workspace backfilled from 2023-01-01 in 4 windows of
 * 1,200, 1,150, 1,300 and 90 rows, pages of 200, today 2026-03-10, rescan 35 days of 410 rows last
 * time: incremental 4 + 3 = 7 requests (the 4th window, from 2026-01-03, is read by last_update up
 * to the rescan days), full refresh 6 + 6 + 7 + 1 = 20.
 */
final class ReportEstimate {
    private ReportEstimate() {}

    private record Count(long windows, long requests, long rows) {}

    static RequestEstimate of(ReadRequest request, LocalDate today, LocalDate historyStart, int rescanDays) {
        Map<Long, WindowProgress> stored = request.windows();
        if (stored.isEmpty()) {
            return new RequestEstimate.PagesUnknown(ReportTimeEntries.windows(historyStart, today), true, "first run");
        }
        long windows = 0;
        long requests = 0;
        long rows = 0;
        long pageSize = 0;
        boolean counted = true;
        for (WindowProgress p : stored.values()) {
            // A value stored before the counts were kept, or a backfill stopped before its first window.
            counted &= !p.windowRows().isEmpty();
            Count c = workspace(p, request.incremental(), today, rescanDays);
            windows += c.windows();
            requests += c.requests();
            rows += c.rows();
            pageSize = Math.max(pageSize, p.pageSize());
        }
        if (!counted) {
            return new RequestEstimate.PagesUnknown(windows, false, "no row counts stored yet; the next run stores them");
        }
        return new RequestEstimate.FromStoredRows(stored.size(), windows, requests, rows, pageSize);
    }

    private static Count workspace(WindowProgress p, boolean incremental, LocalDate today, int rescanDays) {
        long pageSize = Math.max(1, p.pageSize());
        if (incremental && p.backfilled()) {
            LocalDate rescanFrom = today.minusDays(rescanDays).isAfter(p.historyStart()) ? today.minusDays(rescanDays) : p.historyStart();
            // The history windows start where the backfill's did (the same server, the same start).
            long history = p.windowRows().keySet().stream().filter(d -> d.isBefore(rescanFrom)).count();
            long rescanWindows = ReportTimeEntries.windows(rescanFrom, today);
            long rescanRows = p.rescanRows().orElseGet(() -> Math.round(perDay(p) * days(rescanFrom, today)));
            return new Count(history + rescanWindows, history + Math.max(rescanWindows, pages(rescanRows, pageSize)), rescanRows);
        }
        if (incremental) {
            LocalDate from = p.doneThrough().plusDays(1);
            if (from.isAfter(today)) {
                return new Count(0, 0, 0);
            }
            long done = p.windowRows().size();
            // Windows as wide as the finished ones were (the server may have narrowed them).
            long windowDays = done == 0 ? ReportTimeEntries.WINDOW_DAYS : Math.max(1, days(p.historyStart(), p.doneThrough()) / done);
            long left = (days(from, today) + windowDays - 1) / windowDays;
            long average = done == 0 ? 0 : sum(p) / done;
            return new Count(left, left * pages(average, pageSize), left * average);
        }
        long windows = 0;
        long requests = 0;
        for (long n : p.windowRows().values()) {
            windows++;
            requests += pages(n, pageSize);
        }
        if (p.doneThrough().isBefore(today)) {
            long more = ReportTimeEntries.windows(p.doneThrough().plusDays(1), today);
            windows += more;
            requests += more;
        }
        return new Count(windows, requests, sum(p));
    }

    private static long pages(long rows, long pageSize) {
        return Math.max(1, (rows + pageSize - 1) / pageSize);
    }

    private static long sum(WindowProgress p) {
        return p.windowRows().values().stream().mapToLong(Long::longValue).sum();
    }

    private static double perDay(WindowProgress p) {
        return sum(p) / (double) Math.max(1, days(p.historyStart(), p.doneThrough()));
    }

    /** Days from {@code from} through {@code to}, both included. */
    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
