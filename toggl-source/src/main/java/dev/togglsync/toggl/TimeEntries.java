package dev.togglsync.toggl;

import dev.togglsync.http.ApiException;
import dev.togglsync.http.QuotaBucket;
import dev.togglsync.http.Request;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.schema.TableSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token owner's time entries from {@code GET /api/v9/me/time_entries} (toggl-api.md §4.9.1):
 * incrementally by {@code since}, or whole by a {@code start_date}/{@code end_date} window over
 * the API's lookback.
 */
final class TimeEntries implements StreamReader {
    /** How far back the API answers; it refuses older start dates and since values (toggl-api.md §4.9.1). */
    static final Duration LOOKBACK = Duration.ofDays(90);
    /** Re-read this much before the cursor; see {@link #since}. */
    static final Duration OVERLAP = Duration.ofSeconds(60);
    /**
     * Older API versions returned at most this many entries per request. A response with exactly
     * this many may have been cut; one with more proves no cap applies, and one with fewer is
     * complete. Only the exact count triggers a split: every split costs requests against a
     * 30-per-hour quota, so this is the narrowest test that still catches a cap of 1000.
     */
    static final int CAP = 1000;

    /**
     * The API's floor in its own words (toggl-api.md §4.9.1). The date is in the user's time zone,
     * so a floor computed in UTC can fall a few hours short of it; the 400 tells us where it is.
     */
    private static final Pattern EARLIEST = Pattern.compile("(start_date|since) must not be earlier than (\\d{4}-\\d{2}-\\d{2})");

    private final TogglApi api;
    private final Clock clock;
    private final Optional<Instant> anchor;

    TimeEntries(TogglApi api, Clock clock, Optional<Instant> anchor) {
        this.api = api;
        this.clock = clock;
        this.anchor = anchor;
    }

    @Override
    public Outcome read(TogglStream stream, ReadRequest read, RowSink sink, List<String> warnings) {
        StreamSpec spec = stream.spec();
        CursorSink tracked = new CursorSink(sink, spec.schema().indexOf(spec.cursorField().orElse("at")));
        RecordDecoder decoder = new RecordDecoder(spec, tracked, warnings);
        long records;
        if (read.incremental()) {
            Request request = request().with("since", since(read.cursor(), warnings).getEpochSecond());
            try {
                records = fetch(request, decoder);
            } catch (ApiException e) {
                LocalDate earliest = earliest(e, request, warnings);
                // The date starts at midnight in the user's zone; midnight UTC is no earlier for
                // zones ahead of UTC, the only ones whose floor a UTC clamp can miss.
                request = request.with("since", earliest.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
                records = fetch(request, decoder);
            }
            if (records == CAP) {
                // since cannot be split: since together with before is a 400 (toggl-api.md §4.9.1).
                warnings.add("time_entries: " + request.describe() + " returned exactly " + CAP + " entries, which may be a cap of"
                        + " the API; entries beyond it may be missing: run once with mode full-refresh to be sure");
            }
        } else {
            records = readLookback(decoder, warnings);
        }
        return new Outcome(newer(read.cursor(), tracked.max), records);
    }

    /** The request a read will start with (more follow only if a window is capped). */
    @Override
    public List<PlannedRequest> plan(TogglStream stream, ReadRequest read) {
        Request first;
        if (read.incremental()) {
            first = request().with("since", since(read.cursor(), new ArrayList<>()).getEpochSecond());
        } else {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            first = window(firstDay(today), lastDay(today));
        }
        return List.of(new PlannedRequest(first.method(), first.target(), first.bucket().kind(), PlannedRequest.Repeat.ONCE));
    }

    /**
     * Where an incremental read starts. Worked example, now = 2025-03-10T12:00:00Z:
     *
     * <pre>
     * stored cursor   2025-03-10T08:00:00Z   the newest `at` loaded by the last run
     * since           2025-03-10T07:59:00Z   cursor − 60 s: an entry saved in the cursor's own
     *                                        second, or stamped by a server whose clock lags a
     *                                        little, is read again rather than missed; the
     *                                        targets upsert by id, so a repeat is harmless
     * response        `at` 07:59:30 (seen last run), 09:12:04, 11:40:55 (one deleted: it comes
     *                                        back with server_deleted_at set)
     * new cursor      2025-03-10T11:40:55Z   max(`at`); had nothing come back: 08:00:00 again
     *
     * no cursor yet   anchor_date, or now − 90 days = 2024-12-10T12:00:00Z without one
     * lookback clamp  a cursor of 2024-11-01 (the tool last ran in autumn) gives since =
     *                 2024-10-31T23:59:00Z, before the API's 90 days; asked from
     *                 2024-12-10T12:00:00Z instead, with a warning: changes made in between to
     *                 entries older than that were not seen
     * </pre>
     */
    private Instant since(Optional<Instant> cursor, List<String> warnings) {
        Instant floor = clock.instant().minus(LOOKBACK);
        Instant since = cursor.map(c -> c.minus(OVERLAP)).orElse(anchor.orElse(floor));
        if (since.isBefore(floor)) {
            String what = cursor.isPresent()
                    ? "the stored cursor " + cursor.get() + " − 60 s"
                    : "anchor_date " + anchor.orElseThrow();
            warnings.add("time_entries: " + what + " is older than the API's 90-day lookback; asked since " + floor
                    + " instead: changes made before then may have been missed");
            return floor;
        }
        return since;
    }

    /** The later of the stored cursor and the newest `at` read: a cursor never moves back. */
    private static Optional<Instant> newer(Optional<Instant> stored, Instant seen) {
        if (seen == null) {
            return stored;
        }
        return Optional.of(stored.filter(s -> s.isAfter(seen)).orElse(seen));
    }

    /**
     * A full read of the lookback by start date. The API reads dates in the user's time zone,
     * which may be a day ahead of UTC: the window ends on today + 2 days (UTC) so that an entry
     * started "tomorrow" there, the running one included, is not dropped. If the API's floor is
     * later than ours it says so in a 400; we start from its date once, with a warning.
     */
    private long readLookback(RecordDecoder decoder, List<String> warnings) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = firstDay(today);
        LocalDate to = lastDay(today);
        try {
            return readWindow(from, to, decoder, warnings);
        } catch (ApiException e) {
            return readWindow(earliest(e, window(from, to), warnings), to, decoder, warnings);
        }
    }

    /** The API's floor from its 400, with a warning that says what replaced what; else rethrows. */
    private LocalDate earliest(ApiException e, Request refused, List<String> warnings) {
        Matcher m = EARLIEST.matcher(e.body());
        if (e.status() != 400 || !m.find()) {
            throw e;
        }
        LocalDate earliest = LocalDate.parse(m.group(2));
        warnings.add("time_entries: the API answered \"" + m.group() + "\" to " + refused.describe() + "; asked from "
                + earliest + " instead");
        return earliest;
    }

    /** Reads [from, to); a window that may have been capped is read again as two halves. */
    private long readWindow(LocalDate from, LocalDate to, RecordDecoder decoder, List<String> warnings) {
        Request request = window(from, to);
        long n = fetch(request, decoder);
        if (n != CAP) {
            return n;
        }
        long days = ChronoUnit.DAYS.between(from, to);
        if (days < 2) {
            warnings.add("time_entries: " + request.describe() + " returned exactly " + CAP + " entries for one day, which may be"
                    + " a cap of the API; a day cannot be split further, so entries of that day may be missing");
            return n;
        }
        // The rows of the capped answer were already sent; the halves send them again, and the
        // targets' upsert by id keeps one. Only the halves are counted.
        LocalDate mid = from.plusDays(days / 2);
        return readWindow(from, mid, decoder, warnings) + readWindow(mid, to, decoder, warnings);
    }

    private static LocalDate firstDay(LocalDate today) {
        return today.minusDays(LOOKBACK.toDays());
    }

    private static LocalDate lastDay(LocalDate today) {
        return today.plusDays(2);
    }

    private static Request window(LocalDate from, LocalDate to) {
        return request().with("start_date", from).with("end_date", to);
    }

    /** The declared endpoint, a /me path: the user's quota bucket. */
    private static Request request() {
        return TogglStream.TIME_ENTRIES.endpoint().request(QuotaBucket.USER, 1);
    }

    private long fetch(Request request, RecordDecoder decoder) {
        return api.execute(TogglStream.TIME_ENTRIES, request, body -> Pages.array(body, decoder, request.describe()));
    }

    /** Passes rows on and keeps the newest cursor value among them. */
    private static final class CursorSink implements RowSink {
        private final RowSink next;
        private final int cursorIndex;
        Instant max;

        CursorSink(RowSink next, int cursorIndex) {
            this.next = next;
            this.cursorIndex = cursorIndex;
        }

        @Override
        public void schemaChanged(TableSchema schema) {
            next.schemaChanged(schema); // columns are only appended: the cursor keeps its index
        }

        @Override
        public void accept(Object[] row) {
            if (cursorIndex >= 0 && row[cursorIndex] instanceof Instant at && (max == null || at.isAfter(max))) {
                max = at;
            }
            next.accept(row);
        }
    }
}
