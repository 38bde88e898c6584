package dev.togglsync.simulator;

import static dev.togglsync.simulator.Dataset.FREE_WORKSPACE_ID;
import static dev.togglsync.simulator.Dataset.PREMIUM_WORKSPACE_ID;
import static dev.togglsync.simulator.TimeEntriesTest.list;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** toggl-api.md §4.4–§4.8: projects, clients, tags, tasks, workspace users. */
class WorkspaceListsTest {
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
    void theTestDatasetHasTwoWorkspacesAndMoreThan200ProjectsIncludingArchivedOnes() {
        List<JsonNode> workspaces = list(api.get("/api/v9/me/workspaces"));
        assertThat(workspaces).extracting(w -> w.get("id").asLong()).containsExactly(PREMIUM_WORKSPACE_ID, FREE_WORKSPACE_ID);
        assertThat(workspaces).extracting(w -> w.get("premium").asBoolean()).containsExactly(true, false);
        int all = sim.dataset().projects(PREMIUM_WORKSPACE_ID).size() + sim.dataset().projects(FREE_WORKSPACE_ID).size();
        assertThat(all).isGreaterThan(200);
        assertThat(sim.dataset().projects(FREE_WORKSPACE_ID)).anySatisfy(p -> assertThat(p.get("active").asBoolean()).isFalse());
        assertThat(sim.dataset().clients(PREMIUM_WORKSPACE_ID)).anySatisfy(c -> assertThat(c.get("archived").asBoolean()).isTrue());
        assertThat(sim.dataset().tasks(PREMIUM_WORKSPACE_ID)).isNotEmpty();
        assertThat(sim.dataset().tasks(FREE_WORKSPACE_ID)).isEmpty();
    }

    @Test
    void projectsWithoutParametersAreTheFirst151ActiveOnes() {
        List<JsonNode> page = list(api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/projects"));
        long active = sim.dataset().projects(PREMIUM_WORKSPACE_ID).stream().filter(p -> p.get("active").asBoolean()).count();
        assertThat(active).as("more active projects than one default page").isGreaterThan(151);
        assertThat(page).hasSize(151).allSatisfy(p -> assertThat(p.get("active").asBoolean()).isTrue());
    }

    @Test
    void activeBothPagedBy200GivesEveryProjectOnce() {
        List<JsonNode> all = new ArrayList<>();
        int pages = 0;
        for (int page = 1;; page++) {
            List<JsonNode> got = list(api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID
                    + "/projects?active=both&per_page=200&page=" + page));
            all.addAll(got);
            pages++;
            if (got.size() < 200) {
                break;
            }
        }
        assertThat(pages).isEqualTo(2);
        all.sort(Comparator.comparingLong(p -> p.get("id").asLong()));
        assertThat(all).isEqualTo(new ArrayList<JsonNode>(sim.dataset().projects(PREMIUM_WORKSPACE_ID)));
    }

    @Test
    void activeFalseGivesArchivedProjectsOnly() {
        List<JsonNode> archived = list(api.get("/api/v9/workspaces/" + FREE_WORKSPACE_ID + "/projects?active=false"));
        assertThat(archived).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("active").asBoolean()).isFalse();
            assertThat(p.get("status").asText()).isEqualTo("archived");
        });
    }

    @Test
    void projectPagingLimits() {
        String base = "/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/projects";
        assertThat(api.get(base + "?per_page=201").statusCode()).isEqualTo(400);
        assertThat(api.get(base + "?page=0").statusCode()).isEqualTo(400);
        assertThat(api.get(base + "?active=maybe").statusCode()).isEqualTo(400);
        assertThat(list(api.get(base + "?active=both&per_page=200&page=9"))).isEmpty();
    }

    @Test
    void clientsDefaultToActiveAndTakeStatus() {
        String base = "/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/clients";
        List<JsonNode> active = list(api.get(base));
        List<JsonNode> archived = list(api.get(base + "?status=archived"));
        List<JsonNode> both = list(api.get(base + "?status=both"));
        assertThat(active).isNotEmpty().allSatisfy(c -> assertThat(c.get("archived").asBoolean()).isFalse());
        assertThat(archived).isNotEmpty().allSatisfy(c -> assertThat(c.get("archived").asBoolean()).isTrue());
        assertThat(both).hasSize(active.size() + archived.size())
                .containsExactlyInAnyOrderElementsOf(sim.dataset().clients(PREMIUM_WORKSPACE_ID));
        assertThat(Shapes.keys(both.get(0))).containsExactly("id", "wid", "archived", "name", "at", "creator_id");
    }

    @Test
    void invalidClientStatusIs400() {
        HttpResponse<String> response = api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/clients?status=deleted");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("\"Client status is invalid\"");
    }

    @Test
    void tagsAreTheWholeListUnlessPaged() {
        String base = "/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/tags";
        assertThat(list(api.get(base))).containsExactlyInAnyOrderElementsOf(sim.dataset().tags(PREMIUM_WORKSPACE_ID));
        assertThat(list(api.get(base + "?page=2&per_page=20"))).hasSize(10);
    }

    @Test
    void tasksComeInAnObjectEnvelopeAndPage() {
        String base = "/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/tasks";
        JsonNode first = Api.json(api.get(base + "?active=both&per_page=50&page=1"));
        assertThat(Shapes.keys(first)).containsExactly("data", "page", "per_page", "sort_field", "sort_order", "total_count");
        int total = first.get("total_count").asInt();
        assertThat(total).isEqualTo(sim.dataset().tasks(PREMIUM_WORKSPACE_ID).size());
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; (page - 1) * 50 < total; page++) {
            Api.json(api.get(base + "?active=both&per_page=50&page=" + page)).get("data").forEach(all::add);
        }
        all.sort(Comparator.comparingLong(t -> t.get("id").asLong()));
        assertThat(all).isEqualTo(new ArrayList<JsonNode>(sim.dataset().tasks(PREMIUM_WORKSPACE_ID)));
        JsonNode activeOnly = Api.json(api.get(base));
        assertThat(activeOnly.get("per_page").asInt()).isEqualTo(50);
        assertThat(activeOnly.get("total_count").asInt()).isLessThan(total);
        activeOnly.get("data").forEach(t -> assertThat(t.get("active").asBoolean()).isTrue());
    }

    @Test
    void freeWorkspaceHasNoTasks() {
        JsonNode envelope = Api.json(api.get("/api/v9/workspaces/" + FREE_WORKSPACE_ID + "/tasks?active=both"));
        assertThat(envelope.get("data")).isEmpty();
        assertThat(envelope.get("total_count").asInt()).isZero();
    }

    @Test
    void workspaceUsers() {
        List<JsonNode> users = list(api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/workspace_users"));
        assertThat(users).isEqualTo(new ArrayList<JsonNode>(sim.dataset().workspaceUsers(PREMIUM_WORKSPACE_ID)));
        assertThat(users).extracting(u -> u.get("uid").asLong()).contains(Dataset.USER_ID);
    }

    @Test
    void someoneElsesWorkspaceIs403AndUnknownPathsAre404() {
        HttpResponse<String> other = api.get("/api/v9/workspaces/999/projects");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).isEqualTo("\"User does not have access to this resource.\"");
        assertThat(api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/nothing").statusCode()).isEqualTo(404);
        assertThat(api.post("/api/v9/me", "{}").statusCode()).isEqualTo(405);
    }
}
