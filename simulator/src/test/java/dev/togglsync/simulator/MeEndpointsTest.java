package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** toggl-api.md §4.1–§4.3 and §7.2: the user, workspaces and organizations, and their timestamp spellings. */
class MeEndpointsTest {
    static final String MICROS_Z = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?Z";
    static final String SECONDS_OFFSET = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00";
    static Simulator sim;
    static Api api;

    @BeforeAll
    static void start() {
        sim = Simulator.start(Api.roomy());
        api = new Api(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void meCarriesTheTokenAndMicrosecondTimestamps() {
        JsonNode me = Api.json(api.get("/api/v9/me"));
        assertThat(me).isEqualTo(sim.dataset().me());
        assertThat(me.get("id").asLong()).isEqualTo(Dataset.USER_ID);
        assertThat(me.get("api_token").asText()).isEqualTo(sim.token());
        assertThat(me.get("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(me.get("at").asText()).matches(MICROS_Z);
        assertThat(me.has("options")).as("options omitted when empty").isFalse();
    }

    @Test
    void workspacesListBothPlansWithActiveProjectCounts() {
        List<JsonNode> workspaces = TimeEntriesTest.list(api.get("/api/v9/me/workspaces"));
        assertThat(workspaces).isEqualTo(List.copyOf(sim.dataset().workspaces()));
        JsonNode premium = workspaces.get(0);
        assertThat(premium.get("organization_id").asLong()).isEqualTo(Dataset.PREMIUM_ORGANIZATION_ID);
        assertThat(premium.get("at").asText()).matches(SECONDS_OFFSET);
        assertThat(premium.get("last_modified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT00:00:00Z");
        assertThat(premium.get("active_project_count").asLong()).isEqualTo(sim.dataset().projects(Dataset.PREMIUM_WORKSPACE_ID)
                .stream().filter(p -> p.get("active").asBoolean()).count());
    }

    @Test
    void organizationsNameTheirPlans() {
        List<JsonNode> orgs = TimeEntriesTest.list(api.get("/api/v9/me/organizations"));
        assertThat(orgs).extracting(o -> o.get("pricing_plan_name").asText()).containsExactly("Premium", "Free");
        assertThat(orgs).extracting(o -> o.get("id").asLong())
                .containsExactly(Dataset.PREMIUM_ORGANIZATION_ID, Dataset.FREE_ORGANIZATION_ID);
    }

    @Test
    void relatedDataEmbedsTheCatalogBeforeAuthorizationUpdatedAt() {
        JsonNode me = Api.json(api.get("/api/v9/me?with_related_data=true"));
        List<String> keys = Shapes.keys(me);
        assertThat(keys.subList(keys.indexOf("oauth_providers") + 1, keys.size()))
                .containsExactly("tags", "clients", "time_entries", "projects", "workspaces", "authorization_updated_at");
        assertThat(me.get("time_entries").size()).isPositive();
        assertThat(me.get("workspaces").get(0).has("active_project_count")).isFalse();
    }
}
