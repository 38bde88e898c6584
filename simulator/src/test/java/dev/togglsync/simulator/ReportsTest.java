package dev.togglsync.simulator;

import static dev.togglsync.simulator.Dataset.PREMIUM_WORKSPACE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** toggl-api.md §5: Reports API v3 detailed search, the only way to entries older than 3 months. */
class ReportsTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String PATH = "/reports/api/v3/workspace/" + PREMIUM_WORKSPACE_ID + "/search/time_entries";
    Simulator sim;
    Api api;

    @BeforeEach
    void start() {
        sim = Simulator.start(Api.roomy().withClock(new ManualClock(NOW)));
        api = new Api(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void pagesThroughAYearOfHistoryWithNextIdAndRowNumberHeaders() {
        // 366 days, the widest range the simulator serves by default (a wider one is narrowed).
        LocalDate from = LocalDate.of(2025, 3, 10);
        LocalDate to = LocalDate.of(2026, 3, 10);
        List<JsonNode> rows = fetchAll(from, to, 200);
        List<Long> expected = expectedIds(from, to);
        assertThat(rows).extracting(r -> r.get("time_entries").get(0).get("id").asLong()).isEqualTo(expected);
        assertThat(rows).extracting(r -> r.get("row_number").asLong())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, rows.size()).boxed().toList());
        assertThat(rows.get(rows.size() - 1).get("time_entries").get(0).get("start").asText())
                .as("older than the 90 days /me/time_entries reaches").isLessThan("2025-11-01");
    }

    @Test
    void rowsHaveTheDetailedShapeWithTheUsersOffset() {
        JsonNode row = Api.json(api.post(PATH, "{\"start_date\":\"2025-07-01\",\"end_date\":\"2025-07-31\"}")).get(0);
        assertThat(Shapes.keys(row)).containsExactly("user_id", "username", "project_id", "task_id", "billable",
                "description", "tag_ids", "billable_amount_in_cents", "hourly_rate_in_cents", "currency", "row_number",
                "time_entries");
        JsonNode te = row.get("time_entries").get(0);
        assertThat(Shapes.keys(te)).containsExactly("id", "seconds", "start", "stop", "at", "at_tz");
        assertThat(te.get("start").asText()).endsWith("+02:00"); // Berlin summer time
        assertThat(te.get("at").asText()).endsWith("+00:00");
        assertThat(te.get("at_tz").asText()).endsWith("+02:00");
        JsonNode enriched = Api.json(api.post(PATH,
                "{\"start_date\":\"2025-07-01\",\"end_date\":\"2025-07-31\",\"enrich_response\":true}")).get(0);
        assertThat(Shapes.keys(enriched)).contains("email", "project_name", "client_name", "task_name", "tag_names");
    }

    @Test
    void neitherRunningNorDeletedEntriesAppear() {
        long deleted = sim.dataset().timeEntries().filter(e -> e.workspaceId() == PREMIUM_WORKSPACE_ID && !e.running())
                .skip(5).findFirst().orElseThrow().id();
        sim.dataset().deleteTimeEntry(deleted);
        long running = sim.dataset().runningTimeEntry().orElseThrow().id();
        List<Long> ids = fetchAll(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 11), 1000).stream()
                .map(r -> r.get("time_entries").get(0).get("id").asLong()).toList();
        assertThat(ids).isNotEmpty().doesNotContain(deleted, running);
    }

    @Test
    void aCursorSurvivesDeletionsOnEarlierPages() {
        String body = "{\"start_date\":\"2026-01-01\",\"end_date\":\"2026-03-10\",\"page_size\":10}";
        HttpResponse<String> first = api.post(PATH, body);
        String nextId = first.headers().firstValue("X-Next-ID").orElseThrow();
        String nextRow = first.headers().firstValue("X-Next-Row-Number").orElseThrow();
        assertThat(nextRow).isEqualTo("11");
        sim.dataset().deleteTimeEntry(Api.json(first).get(0).get("time_entries").get(0).get("id").asLong());
        JsonNode second = Api.json(api.post(PATH, body.replace("}", ",\"first_id\":" + nextId + ",\"first_row_number\":"
                + nextRow + "}")));
        assertThat(second.get(0).get("time_entries").get(0).get("id").asText()).isEqualTo(nextId);
        assertThat(second.get(0).get("row_number").asInt()).isEqualTo(11);
    }

    @Test
    void lastPageHasNoCursorHeaders() {
        HttpResponse<String> response = api.post(PATH, "{\"start_date\":\"2026-03-09\",\"end_date\":\"2026-03-09\",\"page_size\":1000}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Next-ID")).isEmpty();
        assertThat(response.headers().firstValue("X-Next-Row-Number")).isEmpty();
    }

    @Test
    void validation() {
        assertThat(api.post(PATH, "{}").body()).isEqualTo("\"At least one parameter must be set\"");
        assertThat(api.post(PATH, "{\"start_date\":\"2026-03-09\",\"end_date\":\"2026-03-01\"}").statusCode()).isEqualTo(400);
        assertThat(api.post(PATH, "{\"start_date\":\"March\"}").statusCode()).isEqualTo(400);
        assertThat(api.post(PATH, "{\"start_date\":\"2026-03-01\",\"page_size\":0}").statusCode()).isEqualTo(400);
        assertThat(api.post(PATH, "not json").statusCode()).isEqualTo(400);
        HttpResponse<String> other = api.post("/reports/api/v3/workspace/12/search/time_entries", "{\"start_date\":\"2026-03-01\"}");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).isEqualTo("\"Workspace not found/accessible\"");
    }

    private List<JsonNode> fetchAll(LocalDate from, LocalDate to, int pageSize) {
        List<JsonNode> rows = new ArrayList<>();
        String base = "\"start_date\":\"" + from + "\",\"end_date\":\"" + to + "\",\"page_size\":" + pageSize;
        String cursor = "";
        for (int guard = 0; guard < 1000; guard++) {
            HttpResponse<String> response = api.post(PATH, "{" + base + cursor + "}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Api.json(response).forEach(rows::add);
            var nextId = response.headers().firstValue("X-Next-ID");
            if (nextId.isEmpty()) {
                return rows;
            }
            cursor = ",\"first_id\":" + nextId.get() + ",\"first_row_number\":"
                    + response.headers().firstValue("X-Next-Row-Number").orElseThrow();
        }
        throw new AssertionError("paging did not end");
    }

    private List<Long> expectedIds(LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(BERLIN).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(BERLIN).toInstant();
        return sim.dataset().timeEntries()
                .filter(e -> e.workspaceId() == PREMIUM_WORKSPACE_ID && !e.running() && !e.deleted())
                .filter(e -> !e.start().isBefore(start) && e.start().isBefore(end))
                .map(TimeEntry::id).toList();
    }
}
