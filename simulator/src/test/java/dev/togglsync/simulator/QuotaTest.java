package dev.togglsync.simulator;

import static dev.togglsync.simulator.Dataset.FREE_ORGANIZATION_ID;
import static dev.togglsync.simulator.Dataset.FREE_WORKSPACE_ID;
import static dev.togglsync.simulator.Dataset.PREMIUM_ORGANIZATION_ID;
import static dev.togglsync.simulator.Dataset.PREMIUM_WORKSPACE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** toggl-api.md §3: the hourly quota buckets (402), the leaky-bucket burst limit (429), and feature/access gates. */
class QuotaTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void everyAnswerCarriesTheQuotaHeadersOfItsBucket() {
        ManualClock clock = new ManualClock(NOW);
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withClock(clock))) {
            Api api = new Api(sim);
            HttpResponse<String> me = api.get("/api/v9/me");
            assertThat(me.headers().firstValue("X-Toggl-Quota-Remaining")).contains("29");
            assertThat(me.headers().firstValue("X-Toggl-Quota-Resets-In")).contains("3600");
            clock.advance(Duration.ofSeconds(100));
            assertThat(api.get("/api/v9/me/time_entries").headers().firstValue("X-Toggl-Quota-Remaining")).contains("28");
            HttpResponse<String> projects = api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/projects");
            assertThat(projects.headers().firstValue("X-Toggl-Quota-Remaining")).contains("599");
            HttpResponse<String> freeTags = api.get("/api/v9/workspaces/" + FREE_WORKSPACE_ID + "/tags");
            assertThat(freeTags.headers().firstValue("X-Toggl-Quota-Remaining")).contains("29");
            HttpResponse<String> report = api.post("/reports/api/v3/workspace/" + FREE_WORKSPACE_ID
                    + "/search/time_entries", "{\"start_date\":\"2026-03-01\"}");
            assertThat(report.headers().firstValue("X-Toggl-Quota-Remaining")).contains("28");
            HttpResponse<String> invalid = api.get("/api/v9/workspaces/" + FREE_WORKSPACE_ID + "/clients?status=x");
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.headers().firstValue("X-Toggl-Quota-Remaining")).contains("27");
            assertThat(api.get("/api/v9/me").headers().firstValue("X-Toggl-Quota-Resets-In")).contains("3500");
        }
    }

    @Test
    void anEmptyBucketAnswers402UntilItsWindowEnds() {
        ManualClock clock = new ManualClock(NOW);
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withClock(clock).withQuota(3, 30, 600))) {
            Api api = new Api(sim);
            for (int i = 0; i < 3; i++) {
                assertThat(api.get("/api/v9/me").statusCode()).isEqualTo(200);
            }
            clock.advance(Duration.ofMinutes(10));
            HttpResponse<String> refused = api.get("/api/v9/me/time_entries");
            assertThat(refused.statusCode()).isEqualTo(402);
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
            assertThat(Api.json(refused).asText()).startsWith("You have hit your hourly limit for API calls")
                    .doesNotContain("feature");
            assertThat(refused.headers().firstValue("X-Toggl-Quota-Remaining")).contains("0");
            assertThat(refused.headers().firstValue("X-Toggl-Quota-Resets-In")).contains("3000");
            assertThat(api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/tags").statusCode())
                    .as("the organization bucket is separate").isEqualTo(200);
            clock.advance(Duration.ofMinutes(50));
            HttpResponse<String> again = api.get("/api/v9/me");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.headers().firstValue("X-Toggl-Quota-Remaining")).contains("2");
        }
    }

    @Test
    void organizationsHaveTheirOwnBuckets() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withClock(new ManualClock(NOW)))) {
            Api api = new Api(sim);
            sim.quota().exhaustOrganization(FREE_ORGANIZATION_ID);
            assertThat(api.get("/api/v9/workspaces/" + FREE_WORKSPACE_ID + "/projects").statusCode()).isEqualTo(402);
            assertThat(api.post("/reports/api/v3/workspace/" + FREE_WORKSPACE_ID + "/search/time_entries",
                    "{\"start_date\":\"2026-03-01\"}").statusCode()).isEqualTo(402);
            assertThat(api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/projects").statusCode()).isEqualTo(200);
            assertThat(api.get("/api/v9/me").statusCode()).isEqualTo(200);
            assertThat(sim.quota().organization(PREMIUM_ORGANIZATION_ID).remaining()).isEqualTo(599);
        }
    }

    @Test
    void meQuotaReportsEveryBucketWithoutUsingAny() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withClock(new ManualClock(NOW)))) {
            Api api = new Api(sim);
            sim.quota().exhaustUser();
            HttpResponse<String> response = api.get("/api/v9/me/quota");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode quota = Api.json(response);
            assertThat(quota.toString()).isEqualTo("[{\"organization_id\":1000003,\"remaining\":600,\"resets_in_secs\":3600,"
                    + "\"total\":600},{\"organization_id\":1000004,\"remaining\":30,\"resets_in_secs\":3600,\"total\":30},"
                    + "{\"organization_id\":null,\"remaining\":0,\"resets_in_secs\":3600,\"total\":30}]");
            assertThat(api.get("/api/v9/me/quota").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void burstsFasterThanTheLeakRateGet429() {
        ManualClock clock = new ManualClock(NOW);
        try (Simulator sim = Simulator.start(Api.roomy().withClock(clock).withBurstLimit(1, 2))) {
            Api api = new Api(sim);
            assertThat(api.get("/api/v9/me").statusCode()).isEqualTo(200);
            assertThat(api.get("/api/v9/me").statusCode()).isEqualTo(200);
            HttpResponse<String> limited = api.get("/api/v9/me");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).as("Toggl documents no Retry-After").isEmpty();
            clock.advance(Duration.ofMillis(1000));
            assertThat(api.get("/api/v9/me").statusCode()).isEqualTo(200);
            assertThat(api.get("/api/v9/me").statusCode()).isEqualTo(429);
            assertThat(sim.quota().user().remaining()).as("429s use no quota").isEqualTo(1_000_000 - 3);
        }
    }

    @Test
    void aFeatureGateAnswers402NamingTheFeature() {
        SimulatorConfig config = Api.roomy().withFeatureRequired(Endpoint.TASKS, FREE_WORKSPACE_ID);
        try (Simulator sim = Simulator.start(config)) {
            Api api = new Api(sim);
            HttpResponse<String> gated = api.get("/api/v9/workspaces/" + FREE_WORKSPACE_ID + "/tasks");
            assertThat(gated.statusCode()).isEqualTo(402);
            assertThat(gated.body()).isEqualTo("\"Workspace needs to have this feature enabled\"");
            assertThat(gated.headers().firstValue("X-Toggl-Quota-Remaining")).isPresent();
            assertThat(api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/tasks").statusCode()).isEqualTo(200);
        }
    }

    /** toggl-api.md §4.8: workspace_users is likely admin-only; DESIGN.md §4 skips a 403 workspace. */
    @Test
    void anAccessGateAnswers403() {
        SimulatorConfig config = Api.roomy().withAccessDenied(Endpoint.WORKSPACE_USERS, FREE_WORKSPACE_ID);
        try (Simulator sim = Simulator.start(config)) {
            Api api = new Api(sim);
            HttpResponse<String> denied = api.get("/api/v9/workspaces/" + FREE_WORKSPACE_ID + "/workspace_users");
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).isEqualTo("\"User does not have access to this resource.\"");
            assertThat(api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/workspace_users").statusCode())
                    .isEqualTo(200);
        }
    }
}
