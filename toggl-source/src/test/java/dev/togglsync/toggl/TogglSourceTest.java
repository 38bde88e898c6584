package dev.togglsync.toggl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.Secret;

import dev.togglsync.testing.FakeServer;
import dev.togglsync.testing.FakeServer.Reply;
import dev.togglsync.testing.RecordingSleeper;
import dev.togglsync.testing.TestClock;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.schema.TableSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Paging edges and failures the simulator does not produce, against the {@link FakeServer} fixture. */
class TogglSourceTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-10T12:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final FakeServer server = FakeServer.start();
    private final TogglSource source = new TogglSource(
            new TogglAccount("TOGGL_TRACK", Secret.of("tok"), Optional.empty(), server.baseUrl(), 1e12, Duration.ofHours(1), List.of()),
            SourceOptions.defaults().withClock(clock).withSleeper(sleeper));

    TogglSourceTest() {
        server.enqueue("/api/v9/me/workspaces", Reply.json("[{\"id\":7,\"organization_id\":70,\"name\":\"w\"}]"));
    }

    @AfterEach
    void stop() {
        source.close();
        server.close();
    }

    private static String records(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "{\"id\":" + i + "}").collect(Collectors.joining(",", "[", "]"));
    }

    private CollectingSink read(StreamSpec spec) {
        CollectingSink sink = new CollectingSink(spec.schema());
        source.read(spec, ReadRequest.fullRefresh(), sink);
        return sink;
    }

    @Test
    void aFullPageOfProjectsAsksForTheNextAndAnEmptyPageEndsIt() {
        server.on("/api/v9/workspaces/7/projects", r -> r.query().endsWith("page=1") ? Reply.json(records(1, 200)) : Reply.json("[]"));

        assertThat(read(TogglStream.PROJECTS.spec()).rows).hasSize(200);
        assertThat(server.targets()).containsExactly("/api/v9/me/workspaces",
                "/api/v9/workspaces/7/projects?active=both&per_page=200&page=1",
                "/api/v9/workspaces/7/projects?active=both&per_page=200&page=2");
    }

    @Test
    void tasksStopWhenTotalCountIsReachedWithoutAskingForAnEmptyPage() {
        server.on("/api/v9/workspaces/7/tasks", r -> {
            int page = Integer.parseInt(r.query().replaceAll(".*page=", ""));
            return Reply.json("{\"data\":" + records(page * 1000, 200) + ",\"page\":" + page + ",\"total_count\":400}");
        });

        assertThat(read(TogglStream.TASKS.spec()).rows).hasSize(400);
        assertThat(server.targets()).containsExactly("/api/v9/me/workspaces",
                "/api/v9/workspaces/7/tasks?active=both&per_page=200&page=1",
                "/api/v9/workspaces/7/tasks?active=both&per_page=200&page=2");
    }

    @Test
    void tasksStopAtAShortPageWhenTotalCountIsMissing() {
        server.on("/api/v9/workspaces/7/tasks", r -> r.query().endsWith("page=1")
                ? Reply.json("{\"data\":" + records(1, 200) + "}") : Reply.json("{\"data\":" + records(201, 3) + "}"));

        assertThat(read(TogglStream.TASKS.spec()).rows).hasSize(203);
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void a401AnywhereIsAnAuthenticationFailure() {
        server.enqueue("/api/v9/me/time_entries", Reply.of(401, "").header("X-Authorization-Missing", "true"));

        assertThatThrownBy(() -> read(TogglStream.TIME_ENTRIES.spec()))
                .isInstanceOfSatisfying(TogglSyncException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.AUTHENTICATION))
                .hasMessage("connection TOGGL_TRACK: Toggl refused the API token (HTTP 401 on GET /api/v9/me/time_entries"
                        + "?start_date=2025-12-10&end_date=2026-03-12); check secrets.api_token");
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void a403OnAWorkspaceStreamOtherThanWorkspaceUsersFailsTheStream() {
        server.enqueue("/api/v9/workspaces/7/tags", Reply.of(403, "\"User does not have access to this resource.\""));

        assertThatThrownBy(() -> read(TogglStream.TAGS.spec()))
                .isInstanceOfSatisfying(TogglSyncException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.STREAMS_FAILED))
                .hasMessage("GET /api/v9/workspaces/7/tags: HTTP 403: User does not have access to this resource.");
    }

    @Test
    void aNewFieldArrivesAsASchemaChangeBeforeWiderRows() {
        server.enqueue("/api/v9/workspaces/7/clients", Reply.json("[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\",\"vat_x\":\"DE1\"}]"));
        CollectingSink sink = new CollectingSink(TogglStream.CLIENTS.spec().schema());

        StreamResult result = source.read(TogglStream.CLIENTS.spec(), ReadRequest.fullRefresh(), sink);

        TableSchema grown = sink.schema;
        assertThat(grown.columns().get(grown.size() - 1).name()).isEqualTo("vat_x");
        assertThat(sink.schemaChanges).containsExactly(grown);
        assertThat(sink.maps().get(1)).containsEntry("vat_x", "DE1");
        assertThat(result.warnings()).containsExactly("clients: Toggl sent a field the declared schema lacks, \"vat_x\"; added as a TEXT column");
    }

    @Test
    void aWrongTypeFailsTheStreamNamingTheRequestAndIsNotRetried() {
        server.enqueue("/api/v9/workspaces/7/clients", Reply.json("[{\"id\":\"x-1\"}]"));

        assertThatThrownBy(() -> read(TogglStream.CLIENTS.spec()))
                .hasMessage("clients: field \"id\" (declared BIGINT): expected a 64-bit integer, got \"x-1\" in record 1 of"
                        + " GET /api/v9/workspaces/7/clients?status=both; Toggl sent a type toggl-sync does not expect for this"
                        + " field: please report this message");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aStreamTheSourceDoesNotHaveIsInvalidInput() {
        StreamSpec organizations = new StreamSpec("organizations", "", Optional.empty(), false, Optional.empty(), List.of("id"),
                TogglStream.ME.spec().schema());
        assertThatThrownBy(() -> source.read(organizations, ReadRequest.fullRefresh(), new CollectingSink(TogglStream.ME.spec().schema())))
                .isInstanceOfSatisfying(TogglSyncException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessage("stream organizations: not a stream of the Toggl source; available: me, workspaces, projects,"
                        + " clients, tags, tasks, workspace_users, time_entries");
        assertThat(server.requests()).isEmpty();
    }
}
