package dev.togglsync.simulator;

import static dev.togglsync.simulator.Dataset.FREE_WORKSPACE_ID;
import static dev.togglsync.simulator.Dataset.PREMIUM_WORKSPACE_ID;
import static dev.togglsync.simulator.TimeEntriesTest.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * toggl-api.md §8 (change capture): the mutation hooks bump {@code at} so {@code since} sees the
 * change, and the quirks Toggl does not announce (§4.6: a deleted tag leaves entries' {@code at}
 * alone) are kept. Checked over HTTP against the ground truth.
 */
class DatasetTest {
    static final Instant START = Instant.parse("2026-03-10T12:00:00Z");
    ManualClock clock;
    Simulator sim;
    Api api;

    @BeforeEach
    void start() {
        clock = new ManualClock(START);
        sim = Simulator.start(Api.roomy().withClock(clock));
        api = new Api(sim);
        clock.advance(Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void updatingAnEntryBumpsAtSoSinceSeesIt() {
        TimeEntry old = olderEntry();
        TimeEntry changed = sim.dataset().updateTimeEntry(old.id(), e -> e.withDescription("renamed").withBillable(true));
        assertThat(changed.at()).isEqualTo(START.plus(Duration.ofHours(1)));
        List<JsonNode> since = sinceNow();
        assertThat(since).hasSize(1);
        assertThat(since.get(0).get("id").asLong()).isEqualTo(old.id());
        assertThat(since.get(0).get("description").asText()).isEqualTo("renamed");
        assertThat(since.get(0).get("at").asText()).isEqualTo("2026-03-10T13:00:00Z");
    }

    @Test
    void deletingAnEntryShowsItOnlyToSinceWithServerDeletedAt() {
        TimeEntry old = olderEntry();
        sim.dataset().deleteTimeEntry(old.id());
        List<JsonNode> since = sinceNow();
        assertThat(since).hasSize(1);
        assertThat(since.get(0).get("server_deleted_at").asText()).isEqualTo("2026-03-10T13:00:00+00:00");
        String window = "/api/v9/me/time_entries?start_date=2026-01-01&end_date=2026-03-12";
        assertThat(list(api.get(window))).noneSatisfy(e -> assertThat(e.get("id").asLong()).isEqualTo(old.id()));
        assertThatThrownBy(() -> sim.dataset().updateTimeEntry(old.id(), e -> e)).hasMessageContaining("is deleted");
    }

    @Test
    void addingARunningEntryStopsThePreviousOne() {
        TimeEntry previous = sim.dataset().runningTimeEntry().orElseThrow();
        TimeEntry added = sim.dataset().addTimeEntry(FREE_WORKSPACE_ID, clock.instant(), null,
                e -> e.withDescription("new work").withProjectId(sim.dataset().projects(FREE_WORKSPACE_ID).get(0).get("id").asLong()));
        assertThat(added.id()).isGreaterThan(1L << 31);
        JsonNode current = Api.json(api.get("/api/v9/me/time_entries/current"));
        assertThat(current.get("id").asLong()).isEqualTo(added.id());
        assertThat(current.get("pid").asLong()).isEqualTo(added.projectId());
        JsonNode stopped = sim.dataset().timeEntryJson(previous.id()).orElseThrow();
        assertThat(stopped.get("stop").asText()).isEqualTo("2026-03-10T13:00:00+00:00");
        assertThat(sinceNow()).extracting(e -> e.get("id").asLong()).containsExactly(added.id(), previous.id());
    }

    @Test
    void addedEntriesSortByStartAmongGeneratedOnes() {
        TimeEntry added = sim.dataset().addTimeEntry(PREMIUM_WORKSPACE_ID, Instant.parse("2026-02-20T09:00:00Z"),
                Duration.ofMinutes(30));
        List<JsonNode> window = list(api.get("/api/v9/me/time_entries?start_date=2026-02-19&end_date=2026-02-22"));
        List<String> starts = window.stream().map(e -> e.get("start").asText()).toList();
        assertThat(starts).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(window).anySatisfy(e -> {
            assertThat(e.get("id").asLong()).isEqualTo(added.id());
            assertThat(e.get("duration").asLong()).isEqualTo(1800);
        });
    }

    @Test
    void projectChangesBumpAtAndRespectTheActiveFilter() {
        Project added = sim.dataset().addProject(FREE_WORKSPACE_ID, "Brand new", null);
        long archivedId = sim.dataset().projects(FREE_WORKSPACE_ID).get(0).get("id").asLong();
        sim.dataset().archiveProject(archivedId);
        String since = "/api/v9/workspaces/" + FREE_WORKSPACE_ID + "/projects?active=both&since="
                + clock.instant().getEpochSecond();
        assertThat(list(api.get(since))).extracting(p -> p.get("id").asLong()).containsExactlyInAnyOrder(added.id(), archivedId);
        List<JsonNode> active = list(api.get("/api/v9/workspaces/" + FREE_WORKSPACE_ID + "/projects?per_page=200"));
        assertThat(active).extracting(p -> p.get("id").asLong()).contains(added.id()).doesNotContain(archivedId);
        assertThat(sim.dataset().project(archivedId).orElseThrow().at()).isEqualTo(clock.instant());
    }

    @Test
    void clientAndTagChanges() {
        Client client = sim.dataset().addClient(PREMIUM_WORKSPACE_ID, "Newco");
        sim.dataset().archiveClient(client.id());
        List<JsonNode> archived = list(api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/clients?status=archived"));
        assertThat(archived).anySatisfy(c -> {
            assertThat(c.get("id").asLong()).isEqualTo(client.id());
            assertThat(c.get("at").asText()).isEqualTo("2026-03-10T13:00:00+00:00");
        });
        Tag tag = sim.dataset().addTag(PREMIUM_WORKSPACE_ID, "fresh");
        sim.dataset().updateTag(tag.id(), t -> t.withName("fresher"));
        assertThat(list(api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/tags")))
                .anySatisfy(t -> assertThat(t.get("name").asText()).isEqualTo("fresher"));
    }

    @Test
    void deletingATagStripsItFromEntriesWithoutBumpingTheirAt() {
        TimeEntry tagged = sim.dataset().timeEntries()
                .filter(e -> !e.deleted() && e.tagIds().size() >= 2 && e.workspaceId() == PREMIUM_WORKSPACE_ID)
                .findFirst().orElseThrow();
        long gone = tagged.tagIds().get(0);
        JsonNode before = sim.dataset().timeEntryJson(tagged.id()).orElseThrow();
        sim.dataset().deleteTag(gone);
        JsonNode after = Api.json(api.get("/api/v9/me/time_entries/" + tagged.id()));
        assertThat(after.get("tag_ids")).hasSize(before.get("tag_ids").size() - 1);
        assertThat(after.get("tag_ids").toString()).doesNotContain(Long.toString(gone));
        assertThat(after.get("tags")).hasSize(after.get("tag_ids").size());
        assertThat(after.get("at")).isEqualTo(before.get("at"));
        assertThat(list(api.get("/api/v9/workspaces/" + PREMIUM_WORKSPACE_ID + "/tags")))
                .noneSatisfy(t -> assertThat(t.get("id").asLong()).isEqualTo(gone));
    }

    @Test
    void mutationsRefuseUnknownReferences() {
        assertThatThrownBy(() -> sim.dataset().updateTimeEntry(42, e -> e)).hasMessage("simulator dataset: no time entry with id 42");
        assertThatThrownBy(() -> sim.dataset().addProject(7, "x", null)).hasMessageContaining("no workspace 7");
        assertThatThrownBy(() -> sim.dataset().addTimeEntry(PREMIUM_WORKSPACE_ID, START, Duration.ZERO,
                e -> e.withTagIds(List.of(1L)))).hasMessage("simulator dataset: no tag 1");
    }

    @Test
    void theSameSeedAndClockGiveTheSameData() {
        try (Simulator twin = Simulator.start(Api.roomy().withClock(new ManualClock(START)));
                Simulator other = Simulator.start(Api.roomy().withClock(new ManualClock(START)).withSeed(7))) {
            Instant from = START.minus(Duration.ofDays(30));
            assertThat(twin.dataset().timeEntriesStartedBetween(from, null).toList())
                    .isEqualTo(fresh().dataset().timeEntriesStartedBetween(from, null).toList());
            assertThat(twin.dataset().projects(PREMIUM_WORKSPACE_ID)).isEqualTo(fresh().dataset().projects(PREMIUM_WORKSPACE_ID));
            assertThat(other.dataset().projects(PREMIUM_WORKSPACE_ID)).isNotEqualTo(twin.dataset().projects(PREMIUM_WORKSPACE_ID));
        }
    }

    @Test
    void olderEntriesExistBeyondTheLookback() {
        assertThat(sim.dataset().timeEntries().filter(e -> e.start().isBefore(START.minus(Duration.ofDays(100)))).count())
                .isEqualTo(SimulatorConfig.DEFAULT_OLDER_TIME_ENTRIES);
        assertThat(sim.dataset().timeEntries().count())
                .isEqualTo(SimulatorConfig.DEFAULT_TIME_ENTRIES + SimulatorConfig.DEFAULT_OLDER_TIME_ENTRIES);
    }

    private Simulator fresh() {
        Simulator s = Simulator.start(Api.roomy().withClock(new ManualClock(START)));
        s.close();
        return s;
    }

    private TimeEntry olderEntry() {
        return sim.dataset().timeEntries().filter(e -> !e.deleted() && e.start().isBefore(START.minus(Duration.ofDays(30))))
                .findFirst().orElseThrow();
    }

    private List<JsonNode> sinceNow() {
        return list(api.get("/api/v9/me/time_entries?since=" + clock.instant().getEpochSecond()));
    }
}
