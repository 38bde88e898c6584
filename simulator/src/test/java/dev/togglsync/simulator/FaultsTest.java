package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** toggl-api.md §7.1 (429, 500, 502/503 with HTML) and §3.1, plus what a network does: truncation, delay, reset. */
class FaultsTest {
    static final String ENTRIES = "/api/v9/me/time_entries";
    Simulator sim;
    Api api;

    @BeforeEach
    void start() {
        sim = Simulator.start(Api.roomy());
        api = new Api(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void tooManyRequestsWithAndWithoutRetryAfter() {
        sim.faults().add(FaultRule.on("/api/v9/me", Fault.tooManyRequests()));
        sim.faults().add(FaultRule.on("/api/v9/me", Fault.tooManyRequests(Duration.ofSeconds(7))).fromOccurrence(2));
        sim.faults().add(FaultRule.on("/api/v9/me", Fault.tooManyRequests("Wed, 21 Oct 2026 07:28:00 GMT")).fromOccurrence(3));
        HttpResponse<String> plain = api.get("/api/v9/me");
        HttpResponse<String> seconds = api.get("/api/v9/me");
        HttpResponse<String> date = api.get("/api/v9/me");
        assertThat(List.of(plain.statusCode(), seconds.statusCode(), date.statusCode())).containsOnly(429);
        assertThat(plain.headers().firstValue("Retry-After")).isEmpty();
        assertThat(seconds.headers().firstValue("Retry-After")).contains("7");
        assertThat(date.headers().firstValue("Retry-After")).contains("Wed, 21 Oct 2026 07:28:00 GMT");
        assertThat(api.get("/api/v9/me").statusCode()).isEqualTo(200);
    }

    @Test
    void serverErrorsAndHtmlGatewayPages() {
        sim.faults().add(FaultRule.on(ENTRIES, Fault.internalServerError()));
        sim.faults().add(FaultRule.on(ENTRIES, Fault.badGateway()).fromOccurrence(2));
        sim.faults().add(FaultRule.on(ENTRIES, Fault.serviceUnavailable()).fromOccurrence(3));
        HttpResponse<String> e500 = api.get(ENTRIES);
        HttpResponse<String> e502 = api.get(ENTRIES);
        HttpResponse<String> e503 = api.get(ENTRIES);
        assertThat(e500.statusCode()).isEqualTo(500);
        assertThat(Api.json(e500).isTextual()).isTrue();
        assertThat(e502.statusCode()).isEqualTo(502);
        assertThat(e503.statusCode()).isEqualTo(503);
        assertThat(e503.headers().firstValue("Content-Type")).contains("text/html; charset=UTF-8");
        assertThat(e503.body()).startsWith("<html>").contains("503");
        assertThatThrownBy(() -> Api.MAPPER.readTree(e503.body())).isInstanceOf(JsonProcessingException.class);
        assertThat(api.get(ENTRIES).statusCode()).isEqualTo(200);
    }

    @Test
    void rulesCountTheirOwnOccurrencesAndFireForTheGivenNumberOfTimes() {
        FaultRule rule = FaultRule.on("/api/v9/workspaces/*/projects", Fault.serviceUnavailable()).fromOccurrence(2).times(2);
        sim.faults().add(rule);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(api.get("/api/v9/workspaces/" + (i % 2 == 0 ? Dataset.PREMIUM_WORKSPACE_ID : Dataset.FREE_WORKSPACE_ID)
                    + "/projects").statusCode());
            assertThat(api.get("/api/v9/workspaces/" + Dataset.PREMIUM_WORKSPACE_ID + "/clients").statusCode()).isEqualTo(200);
        }
        assertThat(statuses).containsExactly(200, 503, 503, 200, 200);
        assertThat(sim.faults().fired(rule)).isEqualTo(2);
    }

    @Test
    void globsMatchSegmentsAndMethodsCanBeNamed() {
        sim.faults().add(FaultRule.on("/reports/**", Fault.internalServerError()).forMethod("POST").always());
        sim.faults().add(FaultRule.on("/api/v9/me", Fault.internalServerError()).forMethod("DELETE").always());
        assertThat(api.post("/reports/api/v3/workspace/" + Dataset.PREMIUM_WORKSPACE_ID + "/search/time_entries",
                "{\"start_date\":\"2026-01-01\"}").statusCode()).isEqualTo(500);
        assertThat(api.get("/api/v9/me").statusCode()).isEqualTo(200);
        assertThat(api.get(ENTRIES).statusCode()).isEqualTo(200);
    }

    @Test
    void statusFaultsUseNoQuota() {
        sim.faults().add(FaultRule.on("/api/v9/me", Fault.serviceUnavailable()));
        int before = sim.quota().user().remaining();
        api.get("/api/v9/me");
        assertThat(sim.quota().user().remaining()).isEqualTo(before);
    }

    @Test
    void aTruncatedSmallBodyIsAValidPrefixThatDoesNotParse() {
        String whole = api.get("/api/v9/me").body();
        sim.faults().add(FaultRule.on("/api/v9/me", Fault.truncatedBody()));
        HttpResponse<String> cut = api.get("/api/v9/me");
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.body()).isNotEmpty().hasSizeLessThan(whole.length());
        assertThat(whole).startsWith(cut.body());
        assertThatThrownBy(() -> Api.MAPPER.readTree(cut.body())).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aTruncatedStreamedBodyEndsCleanlyButDoesNotParse() {
        String window = ENTRIES + "?start_date=" + LocalDate.now().minusDays(80) + "&end_date="
                + LocalDate.now().plusDays(2);
        sim.faults().add(FaultRule.on(ENTRIES, Fault.truncatedBody()));
        HttpResponse<String> cut = api.get(window);
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.body()).startsWith("[{").hasSizeGreaterThan(1000);
        assertThatThrownBy(() -> Api.MAPPER.readTree(cut.body())).isInstanceOf(JsonProcessingException.class);
        assertThat(Api.json(api.get(window)).size()).as("the next answer is whole").isGreaterThan(500);
    }

    @Test
    void aSlowResponseDelaysTheHeaders() {
        sim.faults().add(FaultRule.on("/api/v9/me", Fault.slow(Duration.ofMillis(400))).times(2));
        assertThatThrownBy(() -> api.client().send(api.request("/api/v9/me")
                        .header("Authorization", sim.authorizationHeader()).timeout(Duration.ofMillis(100)).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        long started = System.nanoTime();
        assertThat(api.get("/api/v9/me").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aResetDropsTheConnectionMidBody() {
        sim.faults().add(FaultRule.on("/api/v9/me", Fault.connectionReset()));
        sim.faults().add(FaultRule.on(ENTRIES, Fault.connectionReset()));
        assertThatThrownBy(() -> send("/api/v9/me")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> send(ENTRIES + "?start_date=" + LocalDate.now().minusDays(80)))
                .as("streamed body").isInstanceOf(IOException.class);
        assertThat(api.get("/api/v9/me").statusCode()).isEqualTo(200);
        assertThat(sim.requests()).extracting(RecordedRequest::fault).filteredOn(f -> f != null).hasSize(2);
    }

    private HttpResponse<String> send(String pathAndQuery) throws IOException, InterruptedException {
        return new Api(sim).client().send(api.request(pathAndQuery).header("Authorization", sim.authorizationHeader())
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
