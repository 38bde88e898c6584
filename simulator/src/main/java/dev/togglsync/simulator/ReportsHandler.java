package dev.togglsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reports API v3 detailed search (toggl-api.md §5): one row per stopped, undeleted entry of the
 * workspace, every member's, whose start date (the requesting user's zone) is within
 * {@code start_date..end_date} inclusive, whole history (no 3-month floor). Pages of
 * {@code page_size} (at most {@code history.reportsMaxPageSize}: a larger ask gets that many);
 * while more rows follow, the response carries {@code X-Next-ID} and {@code X-Next-Row-Number},
 * which the next request sends back as {@code first_id} / {@code first_row_number}. A range wider
 * than {@code history.reportsMaxRangeDays} is narrowed from its end; {@code X-Range-Start} and
 * {@code X-Range-End} always say which dates were used. {@code order_by} {@code date} (by start)
 * or {@code last_update} (by {@code at}). The {@code billable} filter is a paid feature: 402 on a
 * Free workspace.
 */
final class ReportsHandler {
    static final int DEFAULT_PAGE_SIZE = 50;

    private record Row(TimeEntry entry, long number) {}

    private final Dataset dataset;

    ReportsHandler(Dataset dataset) {
        this.dataset = dataset;
    }

    void search(Call call, long wid) throws IOException {
        JsonNode body = parse(call.readBody());
        ZoneId zone = dataset.catalog().user().timezone();
        if (!body.hasNonNull("start_date") && !body.hasNonNull("end_date")) {
            throw ApiError.badRequest("At least one parameter must be set");
        }
        LocalDate startDate = date(body, "start_date")
                .orElseThrow(() -> ApiError.badRequest("Invalid 'start_date' value, allowed values are: YYYY-MM-DD"));
        LocalDate endDate = date(body, "end_date").orElse(LocalDate.ofInstant(dataset.now(), zone));
        if (endDate.isBefore(startDate)) {
            throw ApiError.badRequest("end should be greater than start");
        }
        SimulatorConfig.History limits = dataset.config().history();
        LocalDate widest = startDate.plusDays(limits.reportsMaxRangeDays() - 1L);
        if (endDate.isAfter(widest)) {
            endDate = widest;
        }
        call.setHeader("X-Range-Start", startDate.toString());
        call.setHeader("X-Range-End", endDate.toString());
        int pageSize = body.path("page_size").asInt(DEFAULT_PAGE_SIZE);
        if (pageSize < 1) {
            throw ApiError.badRequest("Invalid 'page_size' value, allowed values are: 1.." + limits.reportsMaxPageSize());
        }
        pageSize = Math.min(pageSize, limits.reportsMaxPageSize());
        if (body.hasNonNull("billable") && !dataset.catalog().workspace(wid).map(Account.Workspace::premium).orElse(false)) {
            throw new ApiError(402, Pipeline.FEATURE_MESSAGE);
        }
        String orderDir = body.path("order_dir").asText("DESC").toUpperCase(Locale.ROOT);
        if (!orderDir.equals("ASC") && !orderDir.equals("DESC")) {
            throw ApiError.badRequest("Invalid 'order_dir' value, allowed values are: ASC, DESC");
        }
        String orderBy = body.path("order_by").asText("date");
        if (!orderBy.equals("date") && !orderBy.equals("last_update")) {
            throw ApiError.badRequest("simulator: order_by date and last_update are simulated, got '" + orderBy + "'");
        }
        boolean newestFirst = orderDir.equals("DESC");
        Instant from = startDate.atStartOfDay(zone).toInstant();
        Instant to = endDate.plusDays(1).atStartOfDay(zone).toInstant();
        long firstRow = Math.max(1, body.path("first_row_number").asLong(1));
        Iterator<TimeEntry> rows = orderBy.equals("date")
                ? resume(body, wid, from, to, newestFirst, firstRow)
                : byLastUpdate(body, wid, from, to, newestFirst, firstRow);

        List<Row> page = new ArrayList<>(pageSize);
        long number = firstRow;
        while (page.size() < pageSize && rows.hasNext()) {
            page.add(new Row(rows.next(), number++));
        }
        if (rows.hasNext()) {
            call.setHeader("X-Next-ID", Long.toString(rows.next().id()));
            call.setHeader("X-Next-Row-Number", Long.toString(number));
        }
        boolean enrich = body.path("enrich_response").asBoolean(false);
        Catalog.State s = dataset.catalog();
        call.json(200, g -> {
            g.writeStartArray();
            for (Row r : page) {
                TimeEntryJson.reportRow(g, r.entry(), r.number(), s, enrich);
            }
            g.writeEndArray();
        });
    }

    /**
     * Rows from the cursor on. {@code first_id} names the first row of the page; found, the
     * iteration starts at its (start, id) position, so rows added or deleted on earlier pages do
     * not shift this one. Not found (deleted meanwhile), the first {@code first_row_number − 1}
     * rows are skipped instead.
     */
    private Iterator<TimeEntry> resume(JsonNode body, long wid, Instant from, Instant to, boolean newestFirst,
            long firstRow) {
        TimeEntryStore store = dataset.entries();
        Optional<TimeEntry> cursor = body.hasNonNull("first_id")
                ? store.find(body.get("first_id").asLong()).filter(e -> reportable(e, wid))
                : Optional.empty();
        if (cursor.isPresent()) {
            TimeEntry c = cursor.get();
            Iterator<TimeEntry> it = newestFirst
                    ? store.startedIn(from, c.start().plusSeconds(1), true)
                    : store.startedIn(c.start(), to, false);
            return TimeEntriesHandler.filter(it, e -> reportable(e, wid) && !before(e, c, newestFirst));
        }
        Iterator<TimeEntry> all = TimeEntriesHandler.filter(store.startedIn(from, to, newestFirst), e -> reportable(e, wid));
        for (long skip = firstRow - 1; skip > 0 && all.hasNext(); skip--) {
            all.next();
        }
        return all;
    }

    /**
     * Rows by {@code at} (then id), from the cursor on. The window's rows are sorted in memory: a
     * test's window holds thousands, not millions; the benchmark reads by date.
     */
    private Iterator<TimeEntry> byLastUpdate(JsonNode body, long wid, Instant from, Instant to, boolean newestFirst,
            long firstRow) {
        Comparator<TimeEntry> order = Comparator.comparing(TimeEntry::at).thenComparingLong(TimeEntry::id);
        List<TimeEntry> all = new ArrayList<>();
        TimeEntriesHandler.filter(dataset.entries().startedIn(from, to, true), e -> reportable(e, wid)).forEachRemaining(all::add);
        all.sort(newestFirst ? order.reversed() : order);
        int start = (int) Math.min(all.size(), firstRow - 1);
        if (body.hasNonNull("first_id")) {
            long id = body.get("first_id").asLong();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id() == id) {
                    start = i;
                    break;
                }
            }
        }
        return all.subList(start, all.size()).iterator();
    }

    /** Whether {@code e} sorts before the cursor entry in the requested order. */
    private static boolean before(TimeEntry e, TimeEntry cursor, boolean newestFirst) {
        int cmp = TimeEntryStore.NEWEST_FIRST.compare(e, cursor);
        return newestFirst ? cmp < 0 : cmp > 0;
    }

    /** Reports never show running or deleted entries (toggl-api.md §5). */
    private static boolean reportable(TimeEntry e, long wid) {
        return e.workspaceId() == wid && !e.running() && !e.deleted();
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body.isBlank() ? "{}" : body);
            if (!node.isObject()) {
                throw ApiError.badRequest("Invalid request body: expected a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ApiError.badRequest("Invalid request body: not JSON");
        }
    }

    private static Optional<LocalDate> date(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(body.get(field).asText()));
        } catch (DateTimeException e) {
            throw ApiError.badRequest("Invalid '" + field + "' value, allowed values are: YYYY-MM-DD");
        }
    }
}
