package dev.togglsync.simulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Predicate;

/** {@code GET /me/time_entries}, {@code /current} and {@code /{id}} (toggl-api.md §4.9). */
final class TimeEntriesHandler {
    /** Without parameters Toggl returns the entries started in the last 9 days (v8 docs; v9 sample spans ~10). */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(9);

    private final Dataset dataset;

    TimeEntriesHandler(Dataset dataset) {
        this.dataset = dataset;
    }

    /**
     * {@code since} = modified since, deleted entries included; {@code start_date}/{@code end_date}
     * and {@code before} = by start, deleted excluded; nothing = the last 9 days. Always newest
     * start first, streamed.
     */
    void list(Call call) throws IOException {
        SimulatorConfig config = dataset.config();
        ZoneId zone = dataset.catalog().user().timezone();
        Optional<Instant> since = Params.unixSeconds(call, "since");
        Optional<Instant> before = Params.dateOrTime(call, "before", zone);
        Optional<Instant> start = Params.dateOrTime(call, "start_date", zone);
        Optional<Instant> end = Params.dateOrTime(call, "end_date", zone);
        if (since.isPresent() && before.isPresent()) {
            throw ApiError.badRequest("'since' and 'before' can not be present simultaneously");
        }
        Instant now = dataset.now();
        LocalDate earliest = LocalDate.ofInstant(now, zone).minusDays(config.lookbackDays());
        Instant floor = earliest.atStartOfDay(zone).toInstant();
        if (start.isPresent() && start.get().isBefore(floor)) {
            throw ApiError.badRequest("start_date must not be earlier than " + earliest);
        }
        if (since.isPresent() && since.get().isBefore(floor)) {
            throw ApiError.badRequest("since must not be earlier than " + earliest);
        }
        if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
            throw ApiError.badRequest("end_date must not be earlier than start_date");
        }
        TimeEntryStore store = dataset.entries();
        Iterator<TimeEntry> entries;
        if (since.isPresent()) {
            Predicate<TimeEntry> inRange = e -> (start.isEmpty() || !e.start().isBefore(start.get()))
                    && (end.isEmpty() || e.start().isBefore(end.get()));
            entries = filter(store.modifiedSince(since.get()), inRange);
        } else if (start.isPresent() || end.isPresent() || before.isPresent()) {
            Instant to = end.orElse(before.orElse(null));
            if (end.isPresent() && before.isPresent() && before.get().isBefore(end.get())) {
                to = before.get();
            }
            entries = filter(store.startedIn(start.orElse(floor), to, true), e -> !e.deleted());
        } else {
            entries = filter(store.startedIn(now.minus(DEFAULT_WINDOW), null, true), e -> !e.deleted());
        }
        // /me/time_entries shows the token owner's entries alone; the team's are for Reports.
        entries = filter(entries, e -> e.userId() == Dataset.USER_ID);
        Catalog.State s = dataset.catalog();
        boolean meta = "true".equals(call.param("meta").orElse("false"));
        int cap = config.timeEntriesResultCap() == 0 ? Integer.MAX_VALUE : config.timeEntriesResultCap();
        Iterator<TimeEntry> selected = entries;
        call.json(200, g -> {
            g.writeStartArray();
            for (int n = 0; n < cap && selected.hasNext(); n++) {
                TimeEntryJson.entry(g, selected.next(), s, meta);
            }
            g.writeEndArray();
        });
    }

    /** The running entry, or HTTP 200 with the body {@code null} (get_me_time_entries_current_none.json). */
    void current(Call call) throws IOException {
        Catalog.State s = dataset.catalog();
        Optional<TimeEntry> running = dataset.entries().current();
        boolean meta = "true".equals(call.param("meta").orElse("false"));
        call.json(200, g -> {
            if (running.isPresent()) {
                TimeEntryJson.entry(g, running.get(), s, meta);
            } else {
                g.writeNull();
            }
        });
    }

    void one(Call call, long id) throws IOException {
        Catalog.State s = dataset.catalog();
        TimeEntry e = dataset.entries().find(id).filter(t -> !t.deleted() && t.userId() == Dataset.USER_ID)
                .orElseThrow(() -> new ApiError(404, "Resource can not be found"));
        boolean meta = "true".equals(call.param("meta").orElse("false"));
        call.json(200, g -> TimeEntryJson.entry(g, e, s, meta));
    }

    static <T> Iterator<T> filter(Iterator<T> source, Predicate<? super T> keep) {
        return new Iterator<>() {
            private T pending = advance();

            private T advance() {
                while (source.hasNext()) {
                    T e = source.next();
                    if (keep.test(e)) {
                        return e;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public T next() {
                if (pending == null) {
                    throw new NoSuchElementException();
                }
                T e = pending;
                pending = advance();
                return e;
            }
        };
    }
}
