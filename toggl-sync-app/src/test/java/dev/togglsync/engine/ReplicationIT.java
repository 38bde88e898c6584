package dev.togglsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.ExitCode;
import dev.togglsync.config.Connection;
import dev.togglsync.config.ReplicationPlan;
import dev.togglsync.config.Replication;
import dev.togglsync.Secret;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.toggl.TogglStream;
import dev.togglsync.simulator.Dataset;
import dev.togglsync.simulator.Fault;
import dev.togglsync.simulator.FaultRule;
import dev.togglsync.simulator.RecordedRequest;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.Target;
import dev.togglsync.testing.TestTargets;
import dev.togglsync.toggl.SourceOptions;
import java.net.URI;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End to end, for both databases: the simulator over real HTTP, the source, the engine and a real
 * target; assertions on the tables, the state and the requests sent.
 */
class ReplicationIT {
    private static final String CONNECTION = "TOGGL_TRACK";

    @TempDir
    Path dir;

    Simulator sim;

    @BeforeEach
    void startSimulator() {
        sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000));
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @ParameterizedTest
    @EnumSource(TestTargets.class)
    void theFourExamplesLoadTheirStreamsWithDeclaredTypesAndNoToken(TestTargets kind) throws Exception {
        for (String example : List.of("all-with-incremental-time-entries.yaml", "sync-all.yaml",
                "track-time-entries.yaml", "export-projects-clients.yaml")) {
            Connection target = kind.fresh(dir.resolve(example));
            ReplicationPlan plan = example(example);
            RunReport report = run(plan, target);

            assertThat(report.exitCode()).as(example).isEqualTo(ExitCode.SUCCESS);
            try (java.sql.Connection db = TestTargets.open(target)) {
                for (var stream : plan.streams()) {
                    StreamSpec spec = stream.spec();
                    Map<String, String> columns = columns(db, "toggl", spec.name());
                    assertThat(columns).as(example + ": " + spec.name()).doesNotContainKey("api_token");
                    for (Column c : spec.schema().columns()) {
                        assertThat(columns.get(c.name())).as(example + ": " + spec.name() + "." + c.name())
                                .isEqualTo(kind.typeName(c.type()));
                    }
                    long reported = report.streams().stream().filter(s -> s.stream().equals(spec.name()))
                            .findFirst().orElseThrow().rows();
                    assertThat(count(db, "toggl." + spec.name())).as(example + ": " + spec.name()).isEqualTo(reported);
                }
                if (example.startsWith("all-") || example.startsWith("sync-all")) {
                    assertThat(plan.streams()).hasSize(8);
                    assertThat(count(db, "toggl.me")).isEqualTo(1);
                    assertThat(count(db, "toggl.workspaces")).isEqualTo(sim.dataset().workspaces().size());
                    assertThat(ids(db, "toggl.projects")).isEqualTo(groundTruthIds(Dataset::projects));
                    assertThat(ids(db, "toggl.clients")).isEqualTo(groundTruthIds(Dataset::clients));
                    assertThat(ids(db, "toggl.tags")).isEqualTo(groundTruthIds(Dataset::tags));
                    assertThat(ids(db, "toggl.tasks")).isEqualTo(groundTruthIds(Dataset::tasks));
                    assertThat(ids(db, "toggl.workspace_users")).isEqualTo(groundTruthIds(Dataset::workspaceUsers));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestTargets.class)
    void aSecondIncrementalRunAppliesUpdatesDeletesAndAdditionsAndAsksSinceTheStoredCursor(TestTargets kind)
            throws Exception {
        Connection target = kind.fresh(dir);
        ReplicationPlan plan = example("track-time-entries.yaml").onlyStreams(List.of("time_entries"));
        assertThat(run(plan, target).exitCode()).isEqualTo(ExitCode.SUCCESS);
        Instant cursor = storedCursor(target);
        assertThat(cursor).isEqualTo(maxAt(groundTruthTimeEntries()));

        List<Long> existing = sim.dataset().timeEntries().filter(e -> e.serverDeletedAt() == null && e.stop() != null)
                .map(e -> e.id()).limit(20).toList();
        Thread.sleep(5); // every change gets an `at` after the stored cursor
        for (int i = 0; i < 5; i++) {
            int n = i;
            sim.dataset().updateTimeEntry(existing.get(i), e -> e.withDescription("updated " + n + " 'quoted'\ttab"));
        }
        for (int i = 5; i < 8; i++) {
            sim.dataset().deleteTimeEntry(existing.get(i));
        }
        for (int i = 0; i < 7; i++) {
            sim.dataset().addTimeEntry(1000001L, Instant.now().minus(Duration.ofHours(30 + i)), Duration.ofMinutes(25));
        }
        sim.clearRequests();

        assertThat(run(plan, target).exitCode()).isEqualTo(ExitCode.SUCCESS);

        List<RecordedRequest> entryRequests = sim.requests().stream()
                .filter(r -> r.path().equals("/api/v9/me/time_entries")).toList();
        assertThat(entryRequests).hasSize(1);
        assertThat(entryRequests.get(0).param("since"))
                .contains(Long.toString(cursor.minusSeconds(60).getEpochSecond()));
        assertTableEqualsGroundTruth(target);
    }

    @ParameterizedTest
    @EnumSource(TestTargets.class)
    void aStreamThatFailsAfterWritingRowsCommitsNothingAndTheRerunCompletesWithoutDuplicates(TestTargets kind)
            throws Exception {
        Connection target = kind.fresh(dir);
        ReplicationPlan plan = example("track-time-entries.yaml");
        assertThat(run(plan, target).exitCode()).isEqualTo(ExitCode.SUCCESS);
        Map<Long, String> before = timeEntryRows(target);
        Instant cursorBefore = storedCursor(target);

        Thread.sleep(5);
        for (long id : sim.dataset().timeEntries().filter(e -> e.serverDeletedAt() == null).map(e -> e.id()).limit(40)
                .toList()) {
            sim.dataset().updateTimeEntry(id, e -> e.withDescription("changed"));
        }
        // Every attempt sends part of the body, then the connection drops: rows reach the staging
        // table, then the stream fails after its retries and must roll back.
        sim.faults().add(FaultRule.on("/api/v9/me/time_entries", Fault.connectionReset()).always());
        RunReport failed = run(plan, target);

        assertThat(failed.exitCode()).isEqualTo(ExitCode.STREAMS_FAILED);
        assertThat(failed.streams()).filteredOn(s -> s.stream().equals("projects"))
                .singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(StreamStatus.SUCCESS));
        assertThat(failed.streams()).filteredOn(s -> s.stream().equals("time_entries"))
                .singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(StreamStatus.FAILED));
        assertThat(timeEntryRows(target)).isEqualTo(before);
        assertThat(storedCursor(target)).isEqualTo(cursorBefore);

        sim.faults().clear();
        assertThat(run(plan, target).exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertTableEqualsGroundTruth(target);
    }

    @Test
    void aReaderPollingDuringFullRefreshNeverSeesTheTableMissingOrPartlyFilled() throws Exception {
        Connection target = TestTargets.POSTGRES.fresh(dir);
        ReplicationPlan plan = example("export-projects-clients.yaml").onlyStreams(List.of("projects"));
        assertThat(run(plan, target).exitCode()).isEqualTo(ExitCode.SUCCESS);
        long expected = groundTruthIds(Dataset::projects).size();

        AtomicBoolean done = new AtomicBoolean();
        List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (java.sql.Connection db = TestTargets.open(target)) {
                while (!done.get()) {
                    try {
                        seen.add(count(db, "toggl.projects"));
                    } catch (SQLException e) {
                        seen.add(e.getMessage());
                    }
                }
            } catch (SQLException e) {
                seen.add(e.getMessage());
            }
        });
        reader.start();
        for (int i = 0; i < 5; i++) {
            assertThat(run(plan, target).exitCode()).isEqualTo(ExitCode.SUCCESS);
        }
        done.set(true);
        reader.join();

        assertThat(seen).isNotEmpty().allSatisfy(v -> assertThat(v).isEqualTo(expected));
    }

    // --- helpers

    private RunReport run(ReplicationPlan plan, Connection targetConnection) {
        TogglConnection source = new TogglConnection(CONNECTION, Secret.of(sim.token()), Optional.empty(),
                URI.create(sim.baseUrl()), 1000.0, Duration.ofHours(1), List.of());
        // Retries back off for real in production; here they happen at once.
        SourceOptions options = SourceOptions.defaults().withSleeper(d -> {});
        return Engine.run(source, targetConnection, RunPlanner.plan(plan), options, RunListener.NONE);
    }

    private static ReplicationPlan example(String name) throws Exception {
        Path file = Path.of(Objects.requireNonNull(ReplicationIT.class.getResource("/replication/" + name)).toURI());
        return Replication.load(file, Clock.systemUTC());
    }

    private Instant storedCursor(Connection targetConnection) {
        try (Target target = Targets.open(targetConnection, Clock.systemUTC())) {
            return target.state(CONNECTION, "time_entries").flatMap(StreamState::cursor).orElseThrow();
        }
    }

    /** All entries a sync from the default anchor (90 days back) must hold: every change since, deletes included. */
    private List<ObjectNode> groundTruthTimeEntries() {
        return sim.dataset().timeEntriesModifiedSince(Instant.now().minus(Duration.ofDays(89))).toList();
    }

    private static Instant maxAt(List<ObjectNode> entries) {
        return entries.stream().map(e -> Instant.parse(e.get("at").asText())).max(Instant::compareTo).orElseThrow();
    }

    private void assertTableEqualsGroundTruth(Connection target) throws SQLException {
        Map<Long, String> expected = new HashMap<>();
        for (ObjectNode e : groundTruthTimeEntries()) {
            expected.put(e.get("id").asLong(), describe(e.get("description").isNull() ? null : e.get("description").asText(),
                    instant(e.get("at").asText()), e.get("server_deleted_at").isNull() ? null
                            : instant(e.get("server_deleted_at").asText()),
                    e.get("project_id").isNull() ? null : e.get("project_id").asLong(), e.get("duration").asLong()));
        }
        Map<Long, String> actual = timeEntryRows(target);
        assertThat(actual).hasSize(expected.size());
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.values()).filteredOn(v -> v.contains("deleted=2")).hasSizeGreaterThanOrEqualTo(3);
    }

    private static Map<Long, String> timeEntryRows(Connection target) throws SQLException {
        Map<Long, String> rows = new HashMap<>();
        try (java.sql.Connection db = TestTargets.open(target); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, description, \"at\", server_deleted_at, project_id, duration"
                        + " FROM toggl.time_entries")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                OffsetDateTime deleted = rs.getObject(4, OffsetDateTime.class);
                Long project = rs.getObject(5) == null ? null : rs.getLong(5);
                String previous = rows.put(id, describe(rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        deleted == null ? null : deleted.toInstant(), project, rs.getLong(6)));
                assertThat(previous).as("duplicate id %d", id).isNull();
            }
        }
        return rows;
    }

    private static String describe(String description, Instant at, Instant deleted, Long project, long duration) {
        return "description=" + description + " at=" + at + " deleted=" + deleted + " project=" + project
                + " duration=" + duration;
    }

    private static Instant instant(String timestamp) {
        return OffsetDateTime.parse(timestamp).toInstant();
    }

    private java.util.Set<Long> groundTruthIds(java.util.function.BiFunction<Dataset, Long, List<ObjectNode>> perWorkspace) {
        return sim.dataset().workspaces().stream()
                .flatMap(w -> perWorkspace.apply(sim.dataset(), w.get("id").asLong()).stream())
                .map(n -> n.get("id").asLong()).collect(Collectors.toSet());
    }

    private static java.util.Set<Long> ids(java.sql.Connection db, String table) throws SQLException {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM " + table)) {
            while (rs.next()) {
                assertThat(ids.add(rs.getLong(1))).as("duplicate id in " + table).isTrue();
            }
        }
        return ids;
    }

    private static long count(java.sql.Connection db, String table) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, String> columns(java.sql.Connection db, String schema, String table) throws SQLException {
        Map<String, String> columns = new HashMap<>();
        try (var ps = db.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }

}
