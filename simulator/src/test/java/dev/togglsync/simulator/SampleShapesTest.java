package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays every GET in toggl-samples/ (real responses recorded from api.track.toggl.com, Dec 2024)
 * against the simulator and compares status, content type, keys, key order, null-vs-missing and
 * value types/timestamp spellings (toggl-api.md §4.1, §4.3, §4.9, §7). The two write-side samples
 * (POST create, PATCH stop) are outside an extract-only fake.
 */
class SampleShapesTest {
    static Simulator sim;
    static Api api;

    @BeforeAll
    static void start() {
        sim = Simulator.start(Api.roomy());
        api = new Api(sim);
        // Deletions made now, so a since query surely holds deleted entries with and without project and description.
        for (boolean withProject : new boolean[] {true, false}) {
            for (boolean withDescription : new boolean[] {true, false}) {
                sim.dataset().deleteTimeEntry(sim.dataset().timeEntries().filter(e -> !e.deleted() && !e.running()
                        && (e.projectId() != null) == withProject && (e.description() != null) == withDescription)
                        .findFirst().orElseThrow().id());
            }
        }
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void getMe() {
        assertSameAsRecording("get_me.json", api.get("/api/v9/me"));
    }

    @Test
    void getMeWithoutAuthorization() {
        JsonNode recorded = sample("get_me_401_no_auth.json");
        HttpResponse<String> response = api.getWithoutAuthorization("/api/v9/me");
        assertThat(response.statusCode()).isEqualTo(recorded.get("status").asInt());
        assertThat(response.body()).isEqualTo(recorded.get("body").asText());
        assertThat(response.headers().firstValue("Content-Length")).contains("0");
        assertThat(response.headers().firstValue("X-Authorization-Missing")).contains("true");
    }

    @Test
    void getMeOrganizations() {
        assertSameAsRecording("get_me_organizations.json", api.get("/api/v9/me/organizations"));
    }

    @Test
    void currentWhenNothingRuns() {
        try (Simulator idle = Simulator.start(Api.roomy().withRunningEntry(false))) {
            HttpResponse<String> response = new Api(idle).get("/api/v9/me/time_entries/current");
            JsonNode recorded = sample("get_me_time_entries_current_none.json");
            assertThat(response.statusCode()).isEqualTo(recorded.get("status").asInt());
            assertThat(response.body()).isEqualTo("null");
            assertThat(response.headers().firstValue("Content-Length")).contains("4");
            assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        }
    }

    @Test
    void currentRunning() {
        assertSameAsRecording("get_me_time_entries_current_running.json", api.get("/api/v9/me/time_entries/current"));
    }

    @Test
    void sinceAndBeforeTogether() {
        HttpResponse<String> response = api.get("/api/v9/me/time_entries?before="
                + encode(OffsetDateTime.now(ZoneOffset.ofHours(1)).toString()) + "&since="
                + sim.dataset().now().minus(Duration.ofDays(1)).getEpochSecond());
        assertSameAsRecording("get_me_time_entries_since_and_before_400.json", response);
        assertThat(response.body()).isEqualTo("\"'since' and 'before' can not be present simultaneously\"");
        assertThat(response.headers().firstValue("Content-Length")).contains("56");
    }

    @Test
    void sinceIncludingDeleted() {
        long since = sim.dataset().now().minus(Duration.ofDays(3)).getEpochSecond();
        assertSameAsRecording("get_me_time_entries_since_incl_deleted.json",
                api.get("/api/v9/me/time_entries?since=" + since));
    }

    @Test
    void startEndWithMeta() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(1));
        assertSameAsRecording("get_me_time_entries_start_end_meta.json", api.get("/api/v9/me/time_entries?end_date="
                + encode(now.plusDays(1).toString()) + "&include_sharing=true&meta=true&start_date="
                + encode(now.minusDays(3).toString())));
    }

    @Test
    void meWithRelatedData() {
        assertSameAsRecording("get_me_with_related_data.json", api.get("/api/v9/me?with_related_data=true"));
    }

    private static void assertSameAsRecording(String file, HttpResponse<String> response) {
        JsonNode recorded = sample(file);
        assertThat(response.statusCode()).as(file + " status").isEqualTo(recorded.get("status").asInt());
        String recordedType = recorded.path("response_headers").path("Content-Type").path(0).asText();
        assertThat(response.headers().firstValue("Content-Type")).as(file + " Content-Type").contains(recordedType);
        Optional<String> mismatch = Shapes.mismatch(file, recorded.get("body"), Api.json(response));
        assertThat(mismatch).as(file + " shape").isEmpty();
    }

    private static JsonNode sample(String file) {
        try (InputStream in = SampleShapesTest.class.getResourceAsStream("/toggl-samples/" + file)) {
            return Api.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sample " + file, e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
