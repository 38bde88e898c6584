package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** toggl-api.md §4.9.1–§4.9.4: GET /me/time_entries and /current. Time is a fixed ManualClock. */
class TimeEntriesTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static Simulator sim;
    static Api api;

    @BeforeAll
    static void start() {
        sim = Simulator.start(Api.roomy().withClock(new ManualClock(NOW)));
        api = new Api(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void dateWindowReturnsExactlyTheUndeletedEntriesStartedInItNewestFirst() {
        LocalDate from = LocalDate.of(2026, 2, 1);
        LocalDate to = LocalDate.of(2026, 2, 15);
        List<JsonNode> served = list(api.get("/api/v9/me/time_entries?start_date=" + from + "&end_date=" + to));
        List<ObjectNode> expected = sim.dataset().timeEntriesStartedBetween(
                from.atStartOfDay(BERLIN).toInstant(), to.atStartOfDay(BERLIN).toInstant()).toList();
        assertThat(served).hasSizeGreaterThan(100).isEqualTo(new ArrayList<JsonNode>(expected));
        assertThat(served).allSatisfy(e -> assertThat(e.get("server_deleted_at").isNull()).isTrue());
        assertThat(starts(served)).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void sinceReturnsEntriesModifiedSinceIncludingDeletedOnes() {
        Instant since = NOW.minus(Duration.ofDays(5));
        List<JsonNode> served = list(api.get("/api/v9/me/time_entries?since=" + since.getEpochSecond()));
        assertThat(served).isEqualTo(new ArrayList<JsonNode>(sim.dataset().timeEntriesModifiedSince(since).toList()));
        assertThat(served).allSatisfy(e -> assertThat(Instant.parse(e.get("at").asText())).isAfterOrEqualTo(since));
        assertThat(served).anySatisfy(e -> assertThat(e.get("server_deleted_at").isNull()).isFalse());
    }

    @Test
    void noParametersMeansTheLastNineDays() {
        List<JsonNode> served = list(api.get("/api/v9/me/time_entries"));
        assertThat(served).isEqualTo(new ArrayList<JsonNode>(
                sim.dataset().timeEntriesStartedBetween(NOW.minus(Duration.ofDays(9)), null).toList()));
        assertThat(served.get(served.size() - 1).get("start").asText()).isGreaterThan("2026-03-01T12:00:00");
    }

    @Test
    void sinceAndBeforeTogetherAre400() {
        HttpResponse<String> response = api.get("/api/v9/me/time_entries?since=" + NOW.minusSeconds(60).getEpochSecond()
                + "&before=2026-03-10");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("\"'since' and 'before' can not be present simultaneously\"");
    }

    @Test
    void startDateBeyondTheLookbackIs400NamingTheEarliestDate() {
        // 2026-03-10 (Berlin) − 90 days = 2025-12-10.
        HttpResponse<String> response = api.get("/api/v9/me/time_entries?start_date=2025-12-09&end_date=2026-03-11");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(response.body()).isEqualTo("\"start_date must not be earlier than 2025-12-10\"");
        assertThat(api.get("/api/v9/me/time_entries?start_date=2025-12-10&end_date=2026-03-11").statusCode())
                .isEqualTo(200);
    }

    @Test
    void sinceBeyondTheLookbackIs400() {
        HttpResponse<String> response = api.get("/api/v9/me/time_entries?since="
                + NOW.minus(Duration.ofDays(120)).getEpochSecond());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("\"since must not be earlier than 2025-12-10\"");
    }

    @Test
    void entryFieldsFollowTheObservedShape() {
        List<JsonNode> served = list(api.get("/api/v9/me/time_entries?start_date=2025-12-10&end_date=2026-03-12"));
        JsonNode noProject = served.stream().filter(e -> e.get("project_id").isNull()).findFirst().orElseThrow();
        assertThat(noProject.has("pid")).as("pid omitted when project_id is null").isFalse();
        JsonNode withProject = served.stream().filter(e -> !e.get("project_id").isNull()).findFirst().orElseThrow();
        assertThat(withProject.get("pid")).isEqualTo(withProject.get("project_id"));
        assertThat(served).anySatisfy(e -> assertThat(e.get("description").isNull()).isTrue());
        assertThat(served).anySatisfy(e -> assertThat(e.get("tags").size()).isGreaterThan(1));
        assertThat(served).anySatisfy(e -> assertThat(e.get("tid")).isEqualTo(e.get("task_id")));
        assertThat(served).allSatisfy(e -> {
            assertThat(e.get("id").asLong()).isGreaterThan(1L << 31);
            assertThat(e.get("start").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
            assertThat(e.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?Z");
            assertThat(e.get("tags").size()).isEqualTo(e.get("tag_ids").size());
            assertThat(e.get("duronly").asBoolean()).isTrue();
        });
        JsonNode running = served.get(0);
        assertThat(running.get("stop").isNull()).isTrue();
        assertThat(running.get("duration").asLong())
                .isEqualTo(-Instant.parse(running.get("start").asText().replace("+00:00", "Z")).getEpochSecond());
    }

    @Test
    void currentReturnsTheRunningEntry() {
        JsonNode current = Api.json(api.get("/api/v9/me/time_entries/current"));
        assertThat(current.get("stop").isNull()).isTrue();
        assertThat(current.get("id").asLong()).isEqualTo(sim.dataset().runningTimeEntry().orElseThrow().id());
    }

    @Test
    void oneEntryByIdAnd404ForUnknownIds() {
        long id = sim.dataset().timeEntries().filter(e -> !e.deleted()).skip(3).findFirst().orElseThrow().id();
        assertThat(Api.json(api.get("/api/v9/me/time_entries/" + id)))
                .isEqualTo(sim.dataset().timeEntryJson(id).orElseThrow());
        HttpResponse<String> missing = api.get("/api/v9/me/time_entries/42");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("\"Resource can not be found\"");
    }

    @Test
    void metaAppendsNamesAfterTheLegacyKeys() {
        JsonNode e = list(api.get("/api/v9/me/time_entries?meta=true")).stream()
                .filter(n -> n.has("pid")).findFirst().orElseThrow();
        List<String> keys = Shapes.keys(e);
        assertThat(keys.subList(keys.indexOf("pid") + 1, keys.size()))
                .endsWith("project_name", "project_color", "project_active", "project_billable", "user_name",
                        "user_avatar_url");
    }

    @Test
    void badParametersAre400() {
        assertThat(api.get("/api/v9/me/time_entries?since=yesterday").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v9/me/time_entries?start_date=10.03.2026").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v9/me/time_entries?start_date=2026-03-05&end_date=2026-03-01").statusCode())
                .isEqualTo(400);
    }

    @Test
    void resultCapModelsOlderApiVersions() {
        try (Simulator capped = Simulator.start(Api.roomy().withClock(new ManualClock(NOW)).withTimeEntriesResultCap(1000))) {
            List<JsonNode> served = list(new Api(capped).get("/api/v9/me/time_entries?start_date=2025-12-10&end_date=2026-03-12"));
            assertThat(served).hasSize(1000);
            assertThat(served.get(0).get("id").asLong()).isEqualTo(capped.dataset().runningTimeEntry().orElseThrow().id());
        }
    }

    /** DESIGN.md §4: date parameters are read in the user's zone; end_date is exclusive. */
    @Test
    void dateOnlyParametersAreReadInTheUsersTimeZone() {
        ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati"); // UTC+14: already 2026-03-11 there
        try (Simulator ahead = Simulator.start(Api.roomy().withClock(new ManualClock(NOW)).withUserTimeZone(kiritimati))) {
            Api client = new Api(ahead);
            long running = ahead.dataset().runningTimeEntry().orElseThrow().id();
            List<Long> untilTomorrowUtc = ids(list(client.get("/api/v9/me/time_entries?start_date=2026-03-05&end_date=2026-03-11")));
            List<Long> untilInTwoDays = ids(list(client.get("/api/v9/me/time_entries?start_date=2026-03-05&end_date=2026-03-12")));
            assertThat(untilTomorrowUtc).doesNotContain(running);
            assertThat(untilInTwoDays).contains(running);
        }
    }

    static List<JsonNode> list(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(Api.json(response).spliterator(), false).toList();
    }

    private static List<String> starts(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("start").asText()).toList();
    }

    private static List<Long> ids(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("id").asLong()).toList();
    }
}
