package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** toggl-api.md §2: Basic {@code token:api_token}; 401 without a header, 403 for wrong credentials. */
class AuthTest {
    static Simulator sim;
    static Api api;

    @BeforeAll
    static void start() {
        sim = Simulator.start(Api.roomy().withToken("right-token"));
        api = new Api(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void tokenAsUserAndApiTokenAsPasswordIsAccepted() {
        HttpResponse<String> response = api.getWithAuthorization("/api/v9/me", basic("right-token:api_token"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Api.json(response).get("api_token").asText()).isEqualTo("right-token");
    }

    @Test
    void noAuthorizationHeaderIs401WithEmptyBodyAndMarkerHeader() {
        HttpResponse<String> response = api.getWithoutAuthorization("/api/v9/me/time_entries");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("X-Authorization-Missing")).contains("true");
        assertThat(response.headers().firstValue("X-Toggl-Quota-Remaining")).isEmpty();
    }

    @Test
    void wrongTokenIs403WithAJsonStringBody() {
        HttpResponse<String> response = api.getWithAuthorization("/api/v9/me", basic("wrong-token:api_token"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(Api.json(response).isTextual()).isTrue();
    }

    @Test
    void rightTokenWithAnotherPasswordIs403() {
        assertThat(api.getWithAuthorization("/api/v9/me", basic("right-token:secret")).statusCode()).isEqualTo(403);
    }

    @Test
    void garbageAuthorizationIs403() {
        assertThat(api.getWithAuthorization("/api/v9/me", "Basic %%%").statusCode()).isEqualTo(403);
        assertThat(api.getWithAuthorization("/api/v9/me", "Bearer right-token").statusCode()).isEqualTo(403);
    }

    @Test
    void authFailuresDoNotUseQuota() {
        int before = sim.quota().user().remaining();
        api.getWithAuthorization("/api/v9/me", basic("wrong-token:api_token"));
        api.getWithoutAuthorization("/api/v9/me");
        assertThat(sim.quota().user().remaining()).isEqualTo(before);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
