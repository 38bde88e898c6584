package dev.togglsync.toggl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.http.ApiException;
import dev.togglsync.http.QuotaBucket;
import dev.togglsync.http.Request;
import dev.togglsync.http.ResponseReader;
import dev.togglsync.schema.Rescan;
import dev.togglsync.schema.RowSink;
import dev.togglsync.state.WindowProgress;
import dev.togglsync.toggl.WorkspaceQueue.Workspace;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * report_time_entries (DESIGN.md §4): every user's entries of each workspace, all of history, from
 * the Reports API v3 detailed search (toggl-api.md §5), in date windows as wide as the server
 * allows, committed window by window through the {@link Checkpoint}.
 *
 * <p>Per workspace, from its stored {@link WindowProgress}:
 * <ul>
 *   <li><b>Backfill</b> (first run, a run resuming one, or full-refresh): windows of a year from
 *       {@code doneThrough + 1} to today, by date; a window ends where the server's
 *       {@code X-Range-End} says it stopped, and the next starts the day after. Each finished window
 *       is a checkpoint: rows and progress in one transaction.</li>
 *   <li><b>Incremental</b> (backfilled): each window from history_start up to the rescan days, by
 *       {@code last_update} newest first, paged only until the first row whose {@code at} is older
 *       than the cursor − 60 s: an edit to a three-year-old entry costs one request per window.
 *       Then the trailing {@code history_rescan_days} in full, by date; the checkpoint names that
 *       range as a {@link Rescan}, so the target stamps {@value #DELETED_AT} on stored rows of it
 *       that did not come back (reports never show deleted entries).</li>
 * </ul>
 *
 * <p>Worked example (today 2026-03-10 in Europe/Berlin, history_start 2023-03-10, rescan 35 days,
 * cursor 2026-03-09T18:00:00Z): windows 2023-03-10..2024-03-09 and 2024-03-10..2025-03-09 and
 * 2025-03-10..2026-02-02 by last_update down to 17:59:00Z, one request each when nothing older
 * changed; then 2026-02-03..2026-03-10 by date, every page; rows of workspace w with start in
 * [2026-02-02T23:00Z, 2026-03-10T23:00Z) not read again get {@value #DELETED_AT}.
 *
 * <p>Date parameters are days in the requesting user's zone ({@code /me}'s {@code timezone},
 * asked once), and reports render {@code start}/{@code stop} with that offset and {@code at} in UTC;
 * the rows hold instants (UTC).
 */
final class ReportTimeEntries implements StreamReader {
    static final String DELETED_AT = "_toggl_sync_deleted_at";
    /** Ask for a year (DESIGN.md §4); {@code X-Range-End} says when the server used less. */
    static final int WINDOW_DAYS = 366;
    /** More than the documented default of 50: the server answers with as many as it honours. */
    static final int PAGE_SIZE = 1000;
    /** Re-read this much before the cursor, as time_entries does: upserts make a repeat harmless. */
    static final Duration OVERLAP = Duration.ofSeconds(60);
    /** history_start without an input and without an organization date. */
    static final int DEFAULT_HISTORY_DAYS = 365;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TogglStream STREAM = TogglStream.REPORT_TIME_ENTRIES;

    /** One window read: through which day the server covered it, what came, and the most rows one page brought. */
    private record Window(LocalDate through, Optional<Instant> newest, long rows, long largestPage) {}

    private final TogglApi api;
    private final WorkspaceQueue queue;
    private final Clock clock;
    private final Optional<LocalDate> historyStart;
    private final int rescanDays;
    private ZoneId zone;
    private Map<Long, LocalDate> organizationsCreated;

    ReportTimeEntries(TogglApi api, WorkspaceQueue queue, Clock clock, Optional<LocalDate> historyStart, int rescanDays) {
        this.api = api;
        this.queue = queue;
        this.clock = clock;
        this.historyStart = historyStart;
        this.rescanDays = rescanDays;
    }

    @Override
    public Outcome read(TogglStream stream, ReadRequest request, RowSink sink, Checkpoint checkpoint, List<String> warnings) {
        ReportRows rows = new ReportRows(stream, sink);
        List<Workspace> workspaces = queue.workspaces(warnings);
        ZoneId zone = zone(warnings);
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        // Full-refresh reads everything again: stored progress counts only for incremental reads.
        Map<Long, WindowProgress> progress = new TreeMap<>(request.incremental() ? request.windows() : Map.of());
        long records = 0;
        for (Workspace w : workspaces) {
            try {
                WindowProgress p = progress.get(w.id());
                if (p == null) {
                    p = WindowProgress.notStarted(historyStart(w, zone, today, warnings));
                }
                records += p.backfilled()
                        ? changes(w, p, today, rows, progress, checkpoint)
                        : backfill(w, p, today, rows, progress, checkpoint);
            } catch (ApiException e) {
                FanOutStreams.skipOrRethrow(stream, "workspace " + w.id(), e, warnings);
            }
        }
        return new Outcome(newest(progress), records, progress);
    }

    /** Windows from where the workspace stopped to today, by date, each committed as it finishes. */
    private long backfill(Workspace w, WindowProgress p, LocalDate today, ReportRows rows,
            Map<Long, WindowProgress> progress, Checkpoint checkpoint) {
        long records = 0;
        LocalDate from = p.doneThrough().plusDays(1);
        if (from.isAfter(today)) {
            progress.put(w.id(), p.windowDone(from, today, Optional.empty(), 0, 0, true));
            return 0;
        }
        while (!from.isAfter(today)) {
            Window done = window(w, from, min(from.plusDays(WINDOW_DAYS - 1), today), false, Optional.empty(), rows);
            p = p.windowDone(from, done.through(), done.newest(), done.rows(), done.largestPage(), !done.through().isBefore(today));
            progress.put(w.id(), p);
            records += done.rows();
            checkpoint.reached(newest(progress), Map.copyOf(progress), List.of());
            from = done.through().plusDays(1);
        }
        return records;
    }

    /** What changed in the backfilled history (by last_update), then the rescan days read in full. */
    private long changes(Workspace w, WindowProgress p, LocalDate today, ReportRows rows,
            Map<Long, WindowProgress> progress, Checkpoint checkpoint) {
        long records = 0;
        Optional<Instant> stopBelow = Optional.of(p.cursor().map(c -> c.minus(OVERLAP)).orElse(Instant.EPOCH));
        LocalDate rescanFrom = max(today.minusDays(rescanDays), p.historyStart());
        for (LocalDate from = p.historyStart(); from.isBefore(rescanFrom); ) {
            Window done = window(w, from, min(from.plusDays(WINDOW_DAYS - 1), rescanFrom.minusDays(1)), true, stopBelow, rows);
            p = p.changesRead(done.newest(), done.largestPage());
            records += done.rows();
            from = done.through().plusDays(1);
        }
        long rescanned = 0;
        for (LocalDate from = rescanFrom; !from.isAfter(today); ) {
            Window done = window(w, from, min(from.plusDays(WINDOW_DAYS - 1), today), false, Optional.empty(), rows);
            rescanned += done.rows();
            p = p.rescanned(done.newest(), rescanned, done.largestPage());
            records += done.rows();
            from = done.through().plusDays(1);
        }
        progress.put(w.id(), p);
        Rescan rescan = new Rescan(DELETED_AT, "workspace_id", w.id(), "start", rescanFrom.atStartOfDay(zone).toInstant(),
                today.plusDays(1).atStartOfDay(zone).toInstant());
        checkpoint.reached(newest(progress), Map.copyOf(progress), List.of(rescan));
        return records;
    }

    /**
     * Every page of one window, following X-Next-ID / X-Next-Row-Number; a cursor seen before, or
     * a page that brings none of the rows it promises more of, is an error naming the request.
     */
    private Window window(Workspace w, LocalDate from, LocalDate to, boolean byLastUpdate, Optional<Instant> stopBelow,
            ReportRows rows) {
        ObjectNode body = JSON.createObjectNode();
        body.put("start_date", from.toString());
        body.put("end_date", to.toString());
        body.put("grouped", false);
        body.put("hide_amounts", false);
        // Raw durations, not the workspace's rounding (toggl-api.md §5).
        body.put("rounding", 0);
        body.put("rounding_minutes", 0);
        body.put("page_size", PAGE_SIZE);
        body.put("order_by", byLastUpdate ? "last_update" : "date");
        body.put("order_dir", byLastUpdate ? "DESC" : "ASC");
        String path = STREAM.endpoint().path().replace(Endpoint.WORKSPACE_ID, Long.toString(w.id()));
        LocalDate through = to;
        Set<String> cursors = new HashSet<>();
        long records = 0;
        long largestPage = 0;
        Optional<Instant> newest = Optional.empty();
        for (int page = 1; ; page++) {
            Request request = Request.post(path, w.bucket(), body.toString());
            Result r = api.execute(STREAM, request, (ResponseReader<Result>) (headers, in) -> new Result(
                    rows.read(in, w.id(), stopBelow, request.describe()), headers.first("X-Next-ID").map(String::trim),
                    headers.first("X-Next-Row-Number").map(String::trim), headers.first("X-Range-End").map(String::trim)));
            if (page == 1) {
                through = rangeEnd(r.rangeEnd(), from, to, request);
            }
            records += r.page().rows();
            largestPage = Math.max(largestPage, r.page().rows());
            if (r.page().newest().isPresent() && (newest.isEmpty() || r.page().newest().get().isAfter(newest.get()))) {
                newest = r.page().newest();
            }
            if (r.page().reachedOlder() || (r.nextId().isEmpty() && r.nextRow().isEmpty())) {
                return new Window(through, newest, records, largestPage);
            }
            String cursor = "X-Next-ID " + r.nextId().orElse("(none)") + ", X-Next-Row-Number " + r.nextRow().orElse("(none)");
            if (!cursors.add(cursor) || r.page().rows() == 0) {
                throw TogglSyncException.streamFailed(STREAM.streamName() + ": " + request.describe() + " answered with " + cursor
                        + (r.page().rows() == 0 ? " but no rows" : ", a cursor it sent before")
                        + ": paging would not advance, so the window stops here instead of looping; run again, and report it if it persists");
            }
            r.nextId().ifPresentOrElse(id -> body.put("first_id", number(id, "X-Next-ID", request)), () -> body.remove("first_id"));
            r.nextRow().ifPresentOrElse(n -> body.put("first_row_number", number(n, "X-Next-Row-Number", request)),
                    () -> body.remove("first_row_number"));
        }
    }

    private record Result(ReportRows.Page page, Optional<String> nextId, Optional<String> nextRow, Optional<String> rangeEnd) {}

    /** The last day the server covered: X-Range-End when it narrowed the range, else the day asked for. */
    private static LocalDate rangeEnd(Optional<String> header, LocalDate from, LocalDate to, Request request) {
        if (header.isEmpty()) {
            return to;
        }
        LocalDate end;
        try {
            end = LocalDate.parse(header.get().length() > 10 ? header.get().substring(0, 10) : header.get());
        } catch (DateTimeException e) {
            throw TogglSyncException.streamFailed(STREAM.streamName() + ": " + request.describe() + " answered X-Range-End \""
                    + header.get() + "\", which is not a date (YYYY-MM-DD)");
        }
        if (end.isBefore(from)) {
            throw TogglSyncException.streamFailed(STREAM.streamName() + ": " + request.describe() + " answered X-Range-End "
                    + end + ", before the window's start: the window would not advance");
        }
        return end.isAfter(to) ? to : end;
    }

    private static long number(String value, String header, Request request) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw TogglSyncException.streamFailed(STREAM.streamName() + ": " + request.describe() + " answered " + header + " \""
                    + value + "\", which is not a number");
        }
    }

    /** history_start, else the day the workspace's organization was created, else 365 days back; a warning says which. */
    private LocalDate historyStart(Workspace w, ZoneId zone, LocalDate today, List<String> warnings) {
        if (historyStart.isPresent()) {
            return historyStart.get();
        }
        LocalDate created = w.organizationId() == null ? null : organizationsCreated(zone).get(w.organizationId());
        if (created != null) {
            warnings.add(STREAM.streamName() + ": workspace " + w.id() + ": inputs.history_start is not set; starting at its"
                    + " organization's created_at, " + created);
            return created;
        }
        LocalDate back = today.minusDays(DEFAULT_HISTORY_DAYS);
        warnings.add(STREAM.streamName() + ": workspace " + w.id() + ": inputs.history_start is not set and the organization's"
                + " created_at is unknown; starting " + DEFAULT_HISTORY_DAYS + " days back, " + back);
        return back;
    }

    /** {@code GET /me/organizations}, once: each organization's creation day in the user's zone. */
    private Map<Long, LocalDate> organizationsCreated(ZoneId zone) {
        if (organizationsCreated == null) {
            Map<Long, LocalDate> created = new HashMap<>();
            TogglStream orgs = TogglStream.ORGANIZATIONS;
            JsonNode all = api.execute(orgs, orgs.endpoint().request(QuotaBucket.USER, 1), JSON::readTree);
            for (JsonNode o : all) {
                try {
                    created.put(o.path("id").asLong(), OffsetDateTime.parse(o.path("created_at").asText()).atZoneSameInstant(zone).toLocalDate());
                } catch (DateTimeException e) {
                    // no usable date: this organization falls back to 365 days
                }
            }
            organizationsCreated = created;
        }
        return organizationsCreated;
    }

    /** The user's zone from {@code GET /me}, once; UTC with a warning when it names none we know. */
    private ZoneId zone(List<String> warnings) {
        if (zone == null) {
            TogglStream me = TogglStream.ME;
            JsonNode user = api.execute(me, me.endpoint().request(QuotaBucket.USER, 1), JSON::readTree);
            String name = user.path("timezone").asText("");
            try {
                zone = ZoneId.of(name);
            } catch (DateTimeException e) {
                warnings.add(STREAM.streamName() + ": /me names the time zone \"" + name + "\", which is not a zone this Java"
                        + " knows; date windows are read as UTC days");
                zone = ZoneOffset.UTC;
            }
        }
        return zone;
    }

    private static Optional<Instant> newest(Map<Long, WindowProgress> progress) {
        return progress.values().stream().map(WindowProgress::cursor).flatMap(Optional::stream).max(Instant::compareTo);
    }

    /**
     * The workspace list, then the searches, with {@link ReportEstimate}'s count of them: per
     * workspace each window's pages from the rows stored last time, or, before any run, the
     * windows from history_start with the pages unknown.
     */
    @Override
    public List<PlannedRequest> plan(TogglStream stream, ReadRequest request) {
        List<PlannedRequest> plan = new ArrayList<>(queue.plan(TogglStream.WORKSPACES, request));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        RequestEstimate estimate = ReportEstimate.of(request, today, historyStart.orElse(today.minusDays(DEFAULT_HISTORY_DAYS)),
                rescanDays);
        Endpoint endpoint = stream.endpoint();
        plan.add(new PlannedRequest("POST", endpoint.path(), stream.scope().quota(), PlannedRequest.Repeat.PER_WINDOW_PAGE,
                Optional.of(estimate)));
        return List.copyOf(plan);
    }

    /** Windows of {@value #WINDOW_DAYS} days from {@code from} through {@code today}; at least one. */
    static long windows(LocalDate from, LocalDate today) {
        long days = ChronoUnit.DAYS.between(from, today) + 1;
        return Math.max(1, (days + WINDOW_DAYS - 1) / WINDOW_DAYS);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
