package dev.togglsync.simulator;

import static dev.togglsync.simulator.Dataset.FREE_WORKSPACE_ID;
import static dev.togglsync.simulator.Dataset.PREMIUM_ORGANIZATION_ID;
import static dev.togglsync.simulator.Dataset.PREMIUM_WORKSPACE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The team and its history (report_time_entries) and the organization endpoints. */
class HistoryTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String PATH = "/reports/api/v3/workspace/" + PREMIUM_WORKSPACE_ID + "/search/time_entries";

    private Simulator sim;
    private Api api;

    private void start(SimulatorConfig config) {
        sim = Simulator.start(config.withClock(new ManualClock(NOW)));
        api = new Api(sim);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void everyMemberHasEntriesReachingBackThreeYearsButMeTimeEntriesShowsTheOwnersAlone() {
        start(Api.roomy().withTimeEntries(300, 3_000).withHistory(SimulatorConfig.History.DEFAULT.withTeam(true).withDays(3 * 365)));
        Set<Long> users = new HashSet<>();
        sim.dataset().timeEntries().forEach(e -> users.add(e.userId()));
        assertThat(users).hasSizeGreaterThanOrEqualTo(6);
        assertThat(sim.dataset().timeEntries().map(TimeEntry::start).min(Instant::compareTo).orElseThrow())
                .isBefore(NOW.minus(java.time.Duration.ofDays(3 * 365)));
        JsonNode mine = Api.json(api.get("/api/v9/me/time_entries?start_date=2026-01-01&end_date=2026-03-12"));
        assertThat(mine.size()).isPositive();
        mine.forEach(e -> assertThat(e.get("user_id").asLong()).isEqualTo(Dataset.USER_ID));
        JsonNode report = Api.json(api.post(PATH, "{\"start_date\":\"2026-01-01\",\"end_date\":\"2026-03-10\",\"page_size\":1000}"));
        Set<Long> reported = new HashSet<>();
        report.forEach(r -> reported.add(r.get("user_id").asLong()));
        assertThat(reported).hasSizeGreaterThan(1);
    }

    @Test
    void aWideRangeIsNarrowedAndTheHeadersSaySo() {
        start(Api.roomy().withHistory(SimulatorConfig.History.DEFAULT.withReportsLimits(30, 7)));
        HttpResponse<String> r = api.post(PATH, "{\"start_date\":\"2025-01-01\",\"end_date\":\"2025-12-31\",\"page_size\":5000}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Range-Start")).hasValue("2025-01-01");
        assertThat(r.headers().firstValue("X-Range-End")).hasValue("2025-01-30");
        assertThat(Api.json(r).size()).as("page_size above the maximum gets the maximum").isLessThanOrEqualTo(7);
    }

    @Test
    void lastUpdateOrderPagesNewestChangeFirst() {
        start(Api.roomy());
        List<String> ats = new ArrayList<>();
        String cursor = "";
        for (int guard = 0; guard < 100; guard++) {
            HttpResponse<String> r = api.post(PATH, "{\"start_date\":\"2025-12-01\",\"end_date\":\"2026-03-10\",\"page_size\":40,"
                    + "\"order_by\":\"last_update\",\"order_dir\":\"DESC\"" + cursor + "}");
            Api.json(r).forEach(row -> ats.add(row.get("time_entries").get(0).get("at").asText()));
            var next = r.headers().firstValue("X-Next-ID");
            if (next.isEmpty()) {
                break;
            }
            cursor = ",\"first_id\":" + next.get() + ",\"first_row_number\":" + r.headers().firstValue("X-Next-Row-Number").orElseThrow();
        }
        assertThat(ats).hasSizeGreaterThan(40);
        List<String> sorted = new ArrayList<>(ats);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertThat(ats).isEqualTo(sorted);
    }

    @Test
    void theBillableFilterIsAPaidFeatureOnFreeWorkspaces() {
        start(Api.roomy());
        HttpResponse<String> r = api.post("/reports/api/v3/workspace/" + FREE_WORKSPACE_ID + "/search/time_entries",
                "{\"start_date\":\"2026-03-01\",\"billable\":true}");
        assertThat(r.statusCode()).isEqualTo(402);
        assertThat(r.body()).contains("feature");
    }

    @Test
    void organizationUsersPageByHeadersAndAdminOnlyListsAnswer403WhenGated() {
        start(Api.roomy().withAccessDenied(Endpoint.GROUPS, Dataset.FREE_ORGANIZATION_ID));
        HttpResponse<String> page1 = api.get("/api/v9/organizations/" + PREMIUM_ORGANIZATION_ID + "/users?page=1&per_page=4");
        assertThat(page1.headers().firstValue("X-Pages")).hasValue("2");
        assertThat(Api.json(page1).size()).isEqualTo(4);
        HttpResponse<String> page2 = api.get("/api/v9/organizations/" + PREMIUM_ORGANIZATION_ID + "/users?page=2&per_page=4");
        assertThat(Api.json(page2).size()).isEqualTo(2);
        assertThat(sim.dataset().organizationUsers(PREMIUM_ORGANIZATION_ID)).hasSize(6);
        assertThat(Api.json(api.get("/api/v9/organizations/" + PREMIUM_ORGANIZATION_ID + "/groups")).size()).isEqualTo(2);
        assertThat(api.get("/api/v9/organizations/" + Dataset.FREE_ORGANIZATION_ID + "/groups").statusCode()).isEqualTo(403);
        assertThat(Api.json(api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/project_users")).size())
                .isEqualTo(sim.dataset().projectUsers(PREMIUM_WORKSPACE_ID).size()).isPositive();
    }
}
