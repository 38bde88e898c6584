package dev.togglsync.toggl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.Secret;

import dev.togglsync.http.ApiException;
import dev.togglsync.http.QuotaBucket;
import dev.togglsync.http.QuotaExhaustedException;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.simulator.Dataset;
import dev.togglsync.simulator.Endpoint;
import dev.togglsync.simulator.Fault;
import dev.togglsync.simulator.FaultRule;
import dev.togglsync.simulator.ManualClock;
import dev.togglsync.simulator.RecordedRequest;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.simulator.TimeEntry;
import dev.togglsync.testing.GroundTruth;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Toggl source against the simulator over real HTTP on 127.0.0.1: rows equal the
 * simulator's ground truth, requests are the minimum, and the documented quirks are handled.
 * Source and simulator share one manual clock; the sleeper moves it, so waits take no time.
 */
class TogglSourceIT {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final double UNPACED = 1e12;
    static final long PREMIUM = Dataset.PREMIUM_WORKSPACE_ID;
    static final long FREE = Dataset.FREE_WORKSPACE_ID;

    final ManualClock clock = new ManualClock(NOW);
    final List<Duration> sleeps = new ArrayList<>();
    Simulator sim;
    TogglSource source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    Simulator simulator(UnaryOperator<SimulatorConfig> tweak) {
        sim = Simulator.start(tweak.apply(SimulatorConfig.defaults().withClock(clock).withQuota(100_000).withTimeEntries(400, 0)));
        return sim;
    }

    TogglSource source(double rate, Duration maxQuotaWait, List<Long> workspaceIds, Optional<Instant> anchor, String token) {
        TogglAccount connection = new TogglAccount("TOGGL_TRACK", Secret.of(token), anchor, URI.create(sim.baseUrl()),
                rate, maxQuotaWait, workspaceIds);
        source = new TogglSource(connection, SourceOptions.defaults().withClock(clock).withSleeper(d -> {
            sleeps.add(d);
            clock.advance(d);
        }));
        return source;
    }

    TogglSource source() {
        return source(UNPACED, Duration.ofHours(1), List.of(), Optional.empty(), sim.token());
    }

    CollectingSink read(StreamSpec stream, ReadRequest request, List<StreamResult> results) {
        CollectingSink sink = new CollectingSink(stream.schema());
        results.add(source.read(stream, request, sink));
        return sink;
    }

    List<String> targets() {
        return sim.requests().stream().map(r -> r.path() + (r.query().isEmpty() ? "" : "?" + r.query())).toList();
    }

    static <T> List<T> both(java.util.function.LongFunction<List<T>> perWorkspace) {
        List<T> all = new ArrayList<>(perWorkspace.apply(PREMIUM));
        all.addAll(perWorkspace.apply(FREE));
        return all;
    }

    @Test
    void everyStreamYieldsExactlyTheGroundTruthWithTheMinimumOfRequests() {
        simulator(c -> c);
        source();
        Dataset truth = sim.dataset();
        List<StreamResult> results = new ArrayList<>();
        Map<String, CollectingSink> sinks = new java.util.LinkedHashMap<>();
        for (StreamSpec s : TogglStream.specs()) {
            sinks.put(s.name(), read(s, ReadRequest.fullRefresh(), results));
        }

        // Every declared field, typed; no column the schema lacks; api_token nowhere.
        assertThat(sinks.values()).allSatisfy(s -> assertThat(s.schemaChanges).isEmpty());
        // A full refresh reads time entries started in the 90 days before today (the user's zone) up to today + 2.
        ZoneId zone = ZoneId.of("Europe/Berlin");
        List<ObjectNode> entries = truth.timeEntriesStartedBetween(
                LocalDate.parse("2025-12-10").atStartOfDay(zone).toInstant(),
                LocalDate.parse("2026-03-12").atStartOfDay(zone).toInstant()).toList();
        for (TogglStream s : TogglStream.all()) {
            List<ObjectNode> expected = GroundTruth.records(truth, s, () -> entries);
            assertThat(sinks.get(s.streamName()).byId()).as(s.streamName()).hasSize(expected.size())
                    .isEqualTo(GroundTruth.byId(expected, s.spec().schema()));
        }
        // The dataset has what the quirks need: a second page of projects, archived ones, tasks only where paid.
        assertThat(both(truth::projects)).hasSizeGreaterThan(200).anySatisfy(p -> assertThat(p.get("active").asBoolean()).isFalse());
        assertThat(both(truth::clients)).anySatisfy(c -> assertThat(c.get("archived").asBoolean()).isTrue());
        assertThat(truth.tasks(FREE)).isEmpty();
        assertThat(sinks.get("tasks").rows).isNotEmpty().hasSize(truth.tasks(PREMIUM).size());
        // Each row was sent once: records count what the sink got.
        for (int i = 0; i < TogglStream.specs().size(); i++) {
            assertThat(results.get(i).records()).as(TogglStream.specs().get(i).name())
                    .isEqualTo(sinks.get(TogglStream.specs().get(i).name()).rows.size());
        }
        Instant newestAt = entries.stream().map(e -> java.time.OffsetDateTime.parse(e.get("at").asText()).toInstant())
                .max(Instant::compareTo).orElseThrow();
        assertThat(results.get(7).cursor()).contains(newestAt);
        // The free workspace's empty task list is normal, not a warning.
        assertThat(results.get(5).warnings()).isEmpty();

        // One request per endpoint, workspace and page; /me/workspaces once, counted where it was needed.
        assertThat(targets()).containsExactly(
                "/api/v9/me",
                "/api/v9/me/workspaces",
                "/api/v9/workspaces/" + PREMIUM + "/projects?active=both&per_page=200&page=1",
                "/api/v9/workspaces/" + PREMIUM + "/projects?active=both&per_page=200&page=2",
                "/api/v9/workspaces/" + FREE + "/projects?active=both&per_page=200&page=1",
                "/api/v9/workspaces/" + PREMIUM + "/clients?status=both",
                "/api/v9/workspaces/" + FREE + "/clients?status=both",
                "/api/v9/workspaces/" + PREMIUM + "/tags",
                "/api/v9/workspaces/" + FREE + "/tags",
                "/api/v9/workspaces/" + PREMIUM + "/tasks?active=both&per_page=200&page=1",
                "/api/v9/workspaces/" + FREE + "/tasks?active=both&per_page=200&page=1",
                "/api/v9/workspaces/" + PREMIUM + "/workspace_users",
                "/api/v9/workspaces/" + FREE + "/workspace_users",
                "/api/v9/me/time_entries?start_date=2025-12-10&end_date=2026-03-12");
        assertThat(results.stream().mapToLong(StreamResult::requests).toArray()).containsExactly(1, 1, 3, 2, 2, 2, 2, 1);
        assertThat(source.requests()).isEqualTo(14);
        assertThat(sim.requests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void anIncrementalRunAsksSinceTheStoredCursorAndCarriesChangesAndDeletes() {
        simulator(c -> c);
        source();
        List<StreamResult> results = new ArrayList<>();
        read(TogglStream.TIME_ENTRIES.spec(), ReadRequest.incremental(Optional.empty()), results);
        Instant cursor = results.get(0).cursor().orElseThrow();
        // Changes after the first run, an hour later.
        clock.advance(Duration.ofHours(1));
        TimeEntry added = sim.dataset().addTimeEntry(PREMIUM, NOW.minus(Duration.ofHours(3)), Duration.ofMinutes(25));
        long someId = sim.dataset().timeEntries().filter(e -> !e.deleted() && !e.running()).skip(5).findFirst().orElseThrow().id();
        TimeEntry deleted = sim.dataset().deleteTimeEntry(someId);
        sim.clearRequests();

        CollectingSink sink = read(TogglStream.TIME_ENTRIES.spec(), ReadRequest.incremental(Optional.of(cursor)), results);

        assertThat(targets()).containsExactly("/api/v9/me/time_entries?since=" + cursor.minusSeconds(60).getEpochSecond());
        Map<Long, Map<String, Object>> rows = sink.byId();
        assertThat(rows).containsKeys(added.id(), deleted.id());
        assertThat(rows.get(deleted.id()).get("server_deleted_at")).isNotNull();
        List<ObjectNode> expected = sim.dataset().timeEntriesModifiedSince(cursor.minusSeconds(60)).toList();
        assertThat(rows).isEqualTo(GroundTruth.byId(expected, TogglStream.TIME_ENTRIES.spec().schema()));
        assertThat(results.get(1).cursor()).contains(deleted.at());
        assertThat(results.get(1).warnings()).isEmpty();
    }

    @Test
    void anIncrementalRunWithNothingNewKeepsTheCursor() {
        simulator(c -> c);
        source();
        Instant cursor = NOW.plus(Duration.ofDays(1)); // later than every `at`
        List<StreamResult> results = new ArrayList<>();
        CollectingSink sink = read(TogglStream.TIME_ENTRIES.spec(), ReadRequest.incremental(Optional.of(cursor)), results);
        assertThat(sink.rows).isEmpty();
        assertThat(results.get(0).cursor()).contains(cursor);
    }

    @Test
    void aFirstIncrementalRunStartsAtAnchorDateClampedToTheLookbackWithAWarning() {
        simulator(c -> c);
        source(UNPACED, Duration.ofHours(1), List.of(), Optional.of(Instant.parse("2025-01-01T00:00:00Z")), sim.token());
        List<StreamResult> results = new ArrayList<>();
        read(TogglStream.TIME_ENTRIES.spec(), ReadRequest.incremental(Optional.empty()), results);

        Instant floor = NOW.minus(Duration.ofDays(90));
        assertThat(targets()).containsExactly("/api/v9/me/time_entries?since=" + floor.getEpochSecond());
        assertThat(results.get(0).warnings()).containsExactly("time_entries: anchor_date 2025-01-01T00:00:00Z is older than"
                + " the API's 90-day lookback; asked since 2025-12-10T12:00:00Z instead: changes made before then may have been missed");
    }

    @Test
    void aStoredCursorOlderThanTheLookbackIsClampedWithAWarning() {
        simulator(c -> c);
        source();
        List<StreamResult> results = new ArrayList<>();
        read(TogglStream.TIME_ENTRIES.spec(), ReadRequest.incremental(Optional.of(Instant.parse("2025-11-01T10:00:00Z"))), results);
        assertThat(results.get(0).warnings()).containsExactly("time_entries: the stored cursor 2025-11-01T10:00:00Z − 60 s is older"
                + " than the API's 90-day lookback; asked since 2025-12-10T12:00:00Z instead: changes made before then may have been missed");
    }

    @Test
    void aFullRefreshStartsAtTheApisFloorWhenItRefusesOurStartDate() {
        simulator(c -> c.withLookbackDays(60));
        source();
        List<StreamResult> results = new ArrayList<>();
        CollectingSink sink = read(TogglStream.TIME_ENTRIES.spec(), ReadRequest.fullRefresh(), results);

        assertThat(targets()).containsExactly(
                "/api/v9/me/time_entries?start_date=2025-12-10&end_date=2026-03-12",
                "/api/v9/me/time_entries?start_date=2026-01-09&end_date=2026-03-12");
        assertThat(results.get(0).warnings()).containsExactly("time_entries: the API answered \"start_date must not be earlier than"
                + " 2026-01-09\" to GET /api/v9/me/time_entries?start_date=2025-12-10&end_date=2026-03-12; asked from 2026-01-09 instead");
        ZoneId zone = ZoneId.of("Europe/Berlin");
        List<ObjectNode> expected = sim.dataset().timeEntriesStartedBetween(LocalDate.parse("2026-01-09").atStartOfDay(zone).toInstant(),
                LocalDate.parse("2026-03-12").atStartOfDay(zone).toInstant()).toList();
        assertThat(sink.byId()).isEqualTo(GroundTruth.byId(expected, TogglStream.TIME_ENTRIES.spec().schema()));
    }

    @Test
    void anIncrementalRunStartsAtTheApisFloorWhenItRefusesOurSince() {
        simulator(c -> c.withLookbackDays(60));
        source();
        List<StreamResult> results = new ArrayList<>();
        CollectingSink sink = read(TogglStream.TIME_ENTRIES.spec(), ReadRequest.incremental(Optional.empty()), results);

        Instant floor = Instant.parse("2026-01-09T00:00:00Z");
        assertThat(targets()).containsExactly(
                "/api/v9/me/time_entries?since=" + NOW.minus(Duration.ofDays(90)).getEpochSecond(),
                "/api/v9/me/time_entries?since=" + floor.getEpochSecond());
        assertThat(results.get(0).warnings()).containsExactly("time_entries: the API answered \"since must not be earlier than"
                + " 2026-01-09\" to GET /api/v9/me/time_entries?since=" + NOW.minus(Duration.ofDays(90)).getEpochSecond()
                + "; asked from 2026-01-09 instead");
        assertThat(sink.byId()).isEqualTo(GroundTruth.byId(sim.dataset().timeEntriesModifiedSince(floor).toList(),
                TogglStream.TIME_ENTRIES.spec().schema()));
    }

    @Test
    void aWindowWithExactlyTheCapIsSplitUntilEveryHalfIsBelowIt() {
        simulator(c -> c.withTimeEntries(2500, 0).withTimeEntriesResultCap(1000));
        source();
        List<StreamResult> results = new ArrayList<>();
        CollectingSink sink = read(TogglStream.TIME_ENTRIES.spec(), ReadRequest.fullRefresh(), results);

        ZoneId zone = ZoneId.of("Europe/Berlin");
        List<ObjectNode> expected = sim.dataset().timeEntriesStartedBetween(LocalDate.parse("2025-12-10").atStartOfDay(zone).toInstant(),
                LocalDate.parse("2026-03-12").atStartOfDay(zone).toInstant()).toList();
        assertThat(expected).hasSizeGreaterThan(2000);
        assertThat(sink.byId()).isEqualTo(GroundTruth.byId(expected, TogglStream.TIME_ENTRIES.spec().schema()));
        assertThat(results.get(0).records()).isEqualTo(expected.size());
        assertThat(sim.requests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        // Every answer of exactly 1000 was split; no answer below the cap was asked again.
        List<String> asked = targets();
        assertThat(asked.get(0)).isEqualTo("/api/v9/me/time_entries?start_date=2025-12-10&end_date=2026-03-12");
        assertThat(asked.get(1)).isEqualTo("/api/v9/me/time_entries?start_date=2025-12-10&end_date=2026-01-25");
        assertThat(results.get(0).requests()).isEqualTo(asked.size());
        assertThat(results.get(0).warnings()).isEmpty();
    }

    @Test
    void workspacesIsFetchedOnceWhetherEmittedBeforeAfterOrNotAtAll() {
        simulator(c -> c);
        source();
        List<StreamResult> results = new ArrayList<>();
        CollectingSink tags = read(TogglStream.TAGS.spec(), ReadRequest.fullRefresh(), results);
        CollectingSink clients = read(TogglStream.CLIENTS.spec(), ReadRequest.fullRefresh(), results);
        CollectingSink workspaces = read(TogglStream.WORKSPACES.spec(), ReadRequest.fullRefresh(), results);

        assertThat(tags.rows).isNotEmpty();
        assertThat(clients.rows).isNotEmpty();
        assertThat(workspaces.byId()).isEqualTo(GroundTruth.byId(sim.dataset().workspaces(), TogglStream.WORKSPACES.spec().schema()));
        assertThat(targets()).filteredOn(t -> t.equals("/api/v9/me/workspaces")).hasSize(1);
        assertThat(results.stream().mapToLong(StreamResult::requests).toArray()).containsExactly(3, 2, 0);
    }

    @Test
    void workspaceIdsFilterTheQueueAndAnUnknownIdIsAWarning() {
        simulator(c -> c);
        source(UNPACED, Duration.ofHours(1), List.of(FREE, 42L), Optional.empty(), sim.token());
        List<StreamResult> results = new ArrayList<>();
        CollectingSink projects = read(TogglStream.PROJECTS.spec(), ReadRequest.fullRefresh(), results);
        CollectingSink workspaces = read(TogglStream.WORKSPACES.spec(), ReadRequest.fullRefresh(), results);

        assertThat(projects.byId()).isEqualTo(GroundTruth.byId(sim.dataset().projects(FREE), TogglStream.PROJECTS.spec().schema()));
        assertThat(workspaces.byId()).containsOnlyKeys(FREE);
        assertThat(targets()).containsExactly("/api/v9/me/workspaces", "/api/v9/workspaces/" + FREE + "/projects?active=both&per_page=200&page=1");
        assertThat(results.get(0).warnings()).containsExactly("inputs.workspace_ids: workspace 42 is not among the workspaces this token"
                + " can see (" + PREMIUM + ", " + FREE + "); skipped");
    }

    @Test
    void aFeature402OnTasksIsZeroRowsAndAWarning() {
        simulator(c -> c.withFeatureRequired(Endpoint.TASKS, PREMIUM));
        source();
        List<StreamResult> results = new ArrayList<>();
        CollectingSink tasks = read(TogglStream.TASKS.spec(), ReadRequest.fullRefresh(), results);

        assertThat(tasks.rows).isEmpty();
        assertThat(results.get(0).records()).isZero();
        assertThat(results.get(0).warnings()).containsExactly(
                "tasks: workspace " + PREMIUM + ": HTTP 402 (Workspace needs to have this feature enabled): a feature of a paid plan; skipped");
        assertThat(targets()).filteredOn(t -> t.contains("/tasks")).hasSize(2); // not retried
        assertThat(sleeps).isEmpty();
    }

    @Test
    void workspaceUsersSkipsAForbiddenWorkspaceWithAWarning() {
        simulator(c -> c.withAccessDenied(Endpoint.WORKSPACE_USERS, FREE));
        source();
        List<StreamResult> results = new ArrayList<>();
        CollectingSink users = read(TogglStream.WORKSPACE_USERS.spec(), ReadRequest.fullRefresh(), results);

        assertThat(users.byId()).isEqualTo(GroundTruth.byId(sim.dataset().workspaceUsers(PREMIUM), TogglStream.WORKSPACE_USERS.spec().schema()));
        assertThat(results.get(0).warnings()).containsExactly("workspace_users: workspace " + FREE
                + ": HTTP 403 (User does not have access to this resource.): only workspace admins may list its users; skipped");
    }

    @Test
    void aRefusedTokenOnMeOrWorkspacesIsAnAuthenticationFailureAtOnce() {
        simulator(c -> c);
        source(UNPACED, Duration.ofHours(1), List.of(), Optional.empty(), "not-the-token");

        assertThatThrownBy(() -> source.read(TogglStream.ME.spec(), ReadRequest.fullRefresh(), new CollectingSink(TogglStream.ME.spec().schema())))
                .isInstanceOfSatisfying(TogglSyncException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.AUTHENTICATION))
                .hasMessage("connection TOGGL_TRACK: Toggl refused the API token (HTTP 403 on GET /api/v9/me:"
                        + " Incorrect username and/or password); check secrets.api_token");
        assertThatThrownBy(() -> source.read(TogglStream.PROJECTS.spec(), ReadRequest.fullRefresh(), new CollectingSink(TogglStream.PROJECTS.spec().schema())))
                .isInstanceOfSatisfying(TogglSyncException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.AUTHENTICATION))
                .hasMessageContaining("HTTP 403 on GET /api/v9/me/workspaces");
        assertThat(sim.requests()).hasSize(2);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void anEmptyTokenIsRefusedLikeAWrongOne() {
        simulator(c -> c);
        source(UNPACED, Duration.ofHours(1), List.of(), Optional.empty(), "");
        // An empty token still sends ":api_token"; the simulator refuses it like a wrong token.
        assertThatThrownBy(() -> source.read(TogglStream.TIME_ENTRIES.spec(), ReadRequest.fullRefresh(), new CollectingSink(TogglStream.TIME_ENTRIES.spec().schema())))
                .isInstanceOfSatisfying(TogglSyncException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.AUTHENTICATION))
                .hasMessageEndingWith("check secrets.api_token");
    }

    @Test
    void aQuotaAtZeroWaitsForTheResetInsteadOfProvokingA402() {
        simulator(c -> c.withQuota(100_000, 3, 100_000));
        source();
        List<StreamResult> results = new ArrayList<>();
        // The Free organization allows 3 requests an hour: projects, clients, tags use them up.
        read(TogglStream.WORKSPACES.spec(), ReadRequest.fullRefresh(), results);
        source.read(TogglStream.PROJECTS.spec(), ReadRequest.fullRefresh(), new CollectingSink(TogglStream.PROJECTS.spec().schema()));
        source.read(TogglStream.CLIENTS.spec(), ReadRequest.fullRefresh(), new CollectingSink(TogglStream.CLIENTS.spec().schema()));
        source.read(TogglStream.TAGS.spec(), ReadRequest.fullRefresh(), new CollectingSink(TogglStream.TAGS.spec().schema()));
        assertThat(sleeps).isEmpty();
        CollectingSink users = read(TogglStream.WORKSPACE_USERS.spec(), ReadRequest.fullRefresh(), results);

        assertThat(sleeps).containsExactly(Duration.ofHours(1));
        assertThat(sim.requests()).noneSatisfy(r -> assertThat(r.status()).isEqualTo(402));
        assertThat(users.byId()).hasSize(both(sim.dataset()::workspaceUsers).size());
    }

    @Test
    void aQuota402WaitsForTheResetAndSucceeds() {
        simulator(c -> c);
        source();
        sim.quota().exhaustUser();
        clock.advance(Duration.ofMinutes(50));

        List<StreamResult> results = new ArrayList<>();
        CollectingSink me = read(TogglStream.ME.spec(), ReadRequest.fullRefresh(), results);

        assertThat(me.byId()).isEqualTo(GroundTruth.byId(List.of(sim.dataset().me()), TogglStream.ME.spec().schema()));
        assertThat(results.get(0).requests()).isEqualTo(2);
        assertThat(sim.requests()).extracting(RecordedRequest::status).containsExactly(402, 200);
        assertThat(sleeps).containsExactly(Duration.ofMinutes(10));
    }

    @Test
    void aQuotaWaitBeyondMaxQuotaWaitStopsResumably() {
        simulator(c -> c);
        source(UNPACED, Duration.ofMinutes(15), List.of(), Optional.empty(), sim.token());
        sim.quota().exhaustUser();

        assertThatThrownBy(() -> source.read(TogglStream.ME.spec(), ReadRequest.fullRefresh(), new CollectingSink(TogglStream.ME.spec().schema())))
                .isInstanceOfSatisfying(QuotaExhaustedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.QUOTA_EXHAUSTED);
                    assertThat(e.bucket()).isEqualTo(QuotaBucket.USER);
                    assertThat(e.resetsAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
                })
                .hasMessage("Toggl's user-level hourly quota (the /me requests) is used up until 2026-03-10T13:00:00Z (3600 s from now),"
                        + " longer than max_quota_wait (900 s) allows; streams finished so far are committed: rerun after"
                        + " 2026-03-10T13:00:00Z to resume");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aTruncatedBodyIsReadAgainAndTheRowsStillMatch() {
        simulator(c -> c);
        sim.faults().add(FaultRule.on("/api/v9/workspaces/*/projects", Fault.truncatedBody()));
        sim.faults().add(FaultRule.on("/api/v9/workspaces/*/clients", Fault.connectionReset()));
        source();
        List<StreamResult> results = new ArrayList<>();
        CollectingSink projects = read(TogglStream.PROJECTS.spec(), ReadRequest.fullRefresh(), results);
        CollectingSink clients = read(TogglStream.CLIENTS.spec(), ReadRequest.fullRefresh(), results);

        assertThat(projects.byId()).isEqualTo(GroundTruth.byId(both(sim.dataset()::projects), TogglStream.PROJECTS.spec().schema()));
        assertThat(results.get(0).records()).isEqualTo(both(sim.dataset()::projects).size());
        assertThat(clients.byId()).isEqualTo(GroundTruth.byId(both(sim.dataset()::clients), TogglStream.CLIENTS.spec().schema()));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void aWorkspaceListThatCannotBeReadFailsTheLaterWorkspaceStreamsAtOnceWithoutAskingAgain() {
        simulator(c -> c);
        sim.faults().add(FaultRule.on("/api/v9/me/workspaces", Fault.serviceUnavailable()).always());
        source();

        assertThatThrownBy(() -> source.read(TogglStream.PROJECTS.spec(), ReadRequest.fullRefresh(), new CollectingSink(TogglStream.PROJECTS.spec().schema())))
                .isInstanceOf(ApiException.class);
        int sleepsAfterFirst = sleeps.size();
        assertThatThrownBy(() -> source.read(TogglStream.CLIENTS.spec(), ReadRequest.fullRefresh(), new CollectingSink(TogglStream.CLIENTS.spec().schema())))
                .isInstanceOfSatisfying(dev.togglsync.TogglSyncException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.STREAMS_FAILED))
                .hasMessageStartingWith("the workspace list is not available: GET /api/v9/me/workspaces: HTTP 503")
                .hasMessageEndingWith("(failed earlier in this run; not asked again)");

        assertThat(targets()).filteredOn(t -> t.equals("/api/v9/me/workspaces")).hasSize(5);
        assertThat(sleeps).hasSize(sleepsAfterFirst);
    }

    @Test
    void anHtml503ThatPersistsFailsTheStreamClearlyAfterFiveAttempts() {
        simulator(c -> c);
        sim.faults().add(FaultRule.on("/api/v9/me/time_entries", Fault.serviceUnavailable()).always());
        source();

        assertThatThrownBy(() -> source.read(TogglStream.TIME_ENTRIES.spec(), ReadRequest.incremental(Optional.of(NOW.minusSeconds(3600))),
                        new CollectingSink(TogglStream.TIME_ENTRIES.spec().schema())))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.STREAMS_FAILED);
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.body()).hasSizeLessThanOrEqualTo(200).startsWith("<html>");
                })
                .hasMessageStartingWith("GET /api/v9/me/time_entries?since=" + NOW.minusSeconds(3660).getEpochSecond() + ": HTTP 503: <html>")
                .hasMessageEndingWith("; gave up after 5 attempts over 150 s");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(80));
    }

    @Test
    void pacingKeepsUnderTheBurstLimitWhereUnpacedRequestsGet429() {
        simulator(c -> c.withBurstLimit(1, 1));
        source(1, Duration.ofHours(1), List.of(), Optional.empty(), sim.token());
        for (StreamSpec s : List.of(TogglStream.ME.spec(), TogglStream.WORKSPACES.spec(), TogglStream.PROJECTS.spec(), TogglStream.CLIENTS.spec())) {
            source.read(s, ReadRequest.fullRefresh(), new CollectingSink(s.schema()));
        }
        assertThat(sim.requests()).hasSize(7).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(sleeps).hasSize(6).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(1)));

        source.close();
        sim.clearRequests();
        sleeps.clear();
        clock.advance(Duration.ofSeconds(10)); // the burst bucket drains
        source();
        source.read(TogglStream.ME.spec(), ReadRequest.fullRefresh(), new CollectingSink(TogglStream.ME.spec().schema()));
        source.read(TogglStream.WORKSPACES.spec(), ReadRequest.fullRefresh(), new CollectingSink(TogglStream.WORKSPACES.spec().schema()));
        assertThat(sim.requests()).extracting(RecordedRequest::status).containsExactly(200, 429, 200);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void planDescribesTheRequestsWithoutSendingAny() {
        simulator(c -> c);
        source();
        assertThat(source.plan(TogglStream.ME.spec(), ReadRequest.fullRefresh()))
                .containsExactly(new PlannedRequest("GET", "/api/v9/me", QuotaBucket.Kind.USER, PlannedRequest.Repeat.ONCE));
        assertThat(source.plan(TogglStream.PROJECTS.spec(), ReadRequest.fullRefresh())).containsExactly(
                new PlannedRequest("GET", "/api/v9/me/workspaces", QuotaBucket.Kind.USER, PlannedRequest.Repeat.ONCE),
                new PlannedRequest("GET", "/api/v9/workspaces/{workspace_id}/projects?active=both&per_page=200&page={page}",
                        QuotaBucket.Kind.ORGANIZATION, PlannedRequest.Repeat.PER_WORKSPACE_PAGE));
        assertThat(source.plan(TogglStream.CLIENTS.spec(), ReadRequest.fullRefresh())).last().isEqualTo(
                new PlannedRequest("GET", "/api/v9/workspaces/{workspace_id}/clients?status=both", QuotaBucket.Kind.ORGANIZATION,
                        PlannedRequest.Repeat.PER_WORKSPACE));
        assertThat(source.plan(TogglStream.TIME_ENTRIES.spec(), ReadRequest.fullRefresh())).containsExactly(new PlannedRequest("GET",
                "/api/v9/me/time_entries?start_date=2025-12-10&end_date=2026-03-12", QuotaBucket.Kind.USER, PlannedRequest.Repeat.ONCE));
        Instant cursor = Instant.parse("2026-03-09T08:00:00Z");
        assertThat(source.plan(TogglStream.TIME_ENTRIES.spec(), ReadRequest.incremental(Optional.of(cursor)))).containsExactly(new PlannedRequest(
                "GET", "/api/v9/me/time_entries?since=" + cursor.minusSeconds(60).getEpochSecond(), QuotaBucket.Kind.USER, PlannedRequest.Repeat.ONCE));
        // What a dry run prints, derived from the typed bucket.
        assertThat(source.plan(TogglStream.PROJECTS.spec(), ReadRequest.fullRefresh())).extracting(PlannedRequest::bucket)
                .containsExactly("user", "org:{organization_id}");
        List<PlannedRequest> all = TogglStream.specs().stream().flatMap(s -> source.plan(s, ReadRequest.fullRefresh()).stream())
                .distinct().toList();
        assertThat(all).hasSize(8);
        assertThat(sim.requests()).isEmpty();
        assertThat(source.requests()).isZero();
    }
}
