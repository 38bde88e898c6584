package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The request log tests assert against: what a client sent, what it got, and when (simulator clock). */
class RequestLogTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void recordsMethodPathQueryStatusTimeEndpointAgentAndBody() {
        ManualClock clock = new ManualClock(NOW);
        try (Simulator sim = Simulator.start(Api.roomy().withClock(clock))) {
            Api api = new Api(sim);
            api.send(api.request("/api/v9/workspaces/" + Dataset.PREMIUM_WORKSPACE_ID + "/projects?active=both&per_page=200&page=1")
                    .header("Authorization", sim.authorizationHeader()).header("User-Agent", "toggl-sync/test"));
            clock.advance(Duration.ofSeconds(5));
            api.post("/reports/api/v3/workspace/" + Dataset.FREE_WORKSPACE_ID + "/search/time_entries", "{\"start_date\":\"2026-03-01\"}");
            api.getWithoutAuthorization("/api/v9/me");
            api.get("/nowhere");

            List<RecordedRequest> log = sim.requests();
            assertThat(log).hasSize(4);
            RecordedRequest projects = log.get(0);
            assertThat(projects.method()).isEqualTo("GET");
            assertThat(projects.path()).isEqualTo("/api/v9/workspaces/1000001/projects");
            assertThat(projects.query()).isEqualTo("active=both&per_page=200&page=1");
            assertThat(projects.params()).containsEntry("per_page", "200").containsEntry("page", "1");
            assertThat(projects.status()).isEqualTo(200);
            assertThat(projects.time()).isEqualTo(NOW);
            assertThat(projects.endpoint()).isEqualTo(Endpoint.PROJECTS);
            assertThat(projects.userAgent()).isEqualTo("toggl-sync/test");
            RecordedRequest report = log.get(1);
            assertThat(report.method()).isEqualTo("POST");
            assertThat(report.body()).isEqualTo("{\"start_date\":\"2026-03-01\"}");
            assertThat(report.time()).isEqualTo(NOW.plusSeconds(5));
            assertThat(log.get(2).status()).isEqualTo(401);
            assertThat(log.get(2).endpoint()).isNull();
            assertThat(log.get(3).status()).isEqualTo(404);
            assertThat(log.get(3).toString()).isEqualTo("GET /nowhere -> 404");

            sim.clearRequests();
            assertThat(sim.requests()).isEmpty();
        }
    }

    @Test
    void concurrentRequestsAreAllRecorded() {
        try (Simulator sim = Simulator.start(Api.roomy())) {
            Api api = new Api(sim);
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                HttpRequest request = api.request("/api/v9/me/time_entries/current")
                        .header("Authorization", sim.authorizationHeader()).build();
                inFlight.add(api.client().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            inFlight.forEach(f -> assertThat(f.join().statusCode()).isEqualTo(200));
            assertThat(sim.requests()).hasSize(40).allSatisfy(r -> assertThat(r.endpoint()).isEqualTo(Endpoint.CURRENT_TIME_ENTRY));
        }
    }
}
