package dev.togglsync.config;

import static dev.togglsync.config.Fixtures.CLOCK;
import static dev.togglsync.config.Fixtures.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.schema.StreamSpec;
import dev.togglsync.toggl.TogglStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicationTest {
    private static ReplicationPlan example(String name) {
        try {
            return Replication.load(Path.of(ReplicationTest.class.getResource("/replication/" + name).toURI()), CLOCK);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReplicationPlan parse(String yaml) {
        return Replication.parse("replication.yaml", yaml, CLOCK);
    }

    private static PlannedStream fullRefresh(StreamSpec spec) {
        return new PlannedStream(spec, Mode.FULL_REFRESH, "toggl." + spec.name(), List.of("id"), Optional.empty(),
                List.of(), Map.of(), Map.of());
    }

    private static PlannedStream incrementalTimeEntries() {
        return new PlannedStream(TogglStream.TIME_ENTRIES.spec(), Mode.INCREMENTAL, "toggl.time_entries", List.of("id"),
                Optional.of("at"), List.of(), Map.of(), Map.of());
    }

    @Test
    void syncAllExpandsTheStarToTheEightStreamsInDependencyOrder() {
        ReplicationPlan plan = example("sync-all.yaml");

        assertThat(plan).isEqualTo(new ReplicationPlan("TOGGL_TRACK", "MY_POSTGRES",
                TogglStream.specs().stream().map(ReplicationTest::fullRefresh).toList()));
    }

    @Test
    void allWithIncrementalTimeEntriesKeepsEachExplicitMode() {
        ReplicationPlan plan = example("all-with-incremental-time-entries.yaml");

        assertThat(plan).isEqualTo(new ReplicationPlan("TOGGL_TRACK", "MY_POSTGRES", List.of(
                fullRefresh(TogglStream.ME.spec()), fullRefresh(TogglStream.WORKSPACES.spec()), fullRefresh(TogglStream.PROJECTS.spec()),
                fullRefresh(TogglStream.CLIENTS.spec()), fullRefresh(TogglStream.TAGS.spec()), fullRefresh(TogglStream.TASKS.spec()),
                fullRefresh(TogglStream.WORKSPACE_USERS.spec()), incrementalTimeEntries())));
    }

    @Test
    void exportProjectsClientsGivesEmptyStreamValuesTheDefaults() {
        ReplicationPlan plan = example("export-projects-clients.yaml");

        assertThat(plan).isEqualTo(new ReplicationPlan("TOGGL_TRACK", "MY_POSTGRES", List.of(
                fullRefresh(TogglStream.WORKSPACES.spec()), fullRefresh(TogglStream.PROJECTS.spec()), fullRefresh(TogglStream.CLIENTS.spec()))));
    }

    @Test
    void trackTimeEntriesPlansFourStreams() {
        ReplicationPlan plan = example("track-time-entries.yaml");

        assertThat(plan).isEqualTo(new ReplicationPlan("TOGGL_TRACK", "MY_POSTGRES", List.of(
                fullRefresh(TogglStream.WORKSPACES.spec()), fullRefresh(TogglStream.PROJECTS.spec()), fullRefresh(TogglStream.CLIENTS.spec()),
                incrementalTimeEntries())));
    }

    @Test
    void streamsFollowDependencyOrderWhateverTheFileOrder() {
        ReplicationPlan plan = parse("streams:\n  time_entries:\n  clients:\n  me:\n");

        assertThat(plan.streamNames()).containsExactly("me", "clients", "time_entries");
    }

    @Test
    void withoutSourceTargetModeOrObjectTheBuiltInDefaultsApply() {
        ReplicationPlan plan = parse("streams:\n  tags:\n");

        assertThat(plan).isEqualTo(new ReplicationPlan("TOGGL_TRACK", "duckdb://toggl.duckdb", List.of(fullRefresh(TogglStream.TAGS.spec()))));
    }

    @Test
    void anExplicitEntryReplacesTheStarEntryInsteadOfMergingWithIt() {
        ReplicationPlan plan = parse("""
                defaults:
                  object: toggl.{stream_name}
                streams:
                  '*':
                    mode: truncate
                    object: raw.{stream_name}
                  time_entries:
                    mode: incremental
                """);

        assertThat(plan.stream("me").orElseThrow().mode()).isEqualTo(Mode.TRUNCATE);
        assertThat(plan.stream("me").orElseThrow().object()).isEqualTo("raw.me");
        assertThat(plan.stream("time_entries").orElseThrow()).isEqualTo(incrementalTimeEntries());
    }

    @Test
    void aGlobBeatsTheStarAndMatchesStreamNames() {
        ReplicationPlan plan = parse("""
                streams:
                  '*':
                    mode: truncate
                  'work*':
                    mode: snapshot
                  'time_*':
                    mode: incremental
                """);

        assertThat(plan.streams()).extracting(PlannedStream::name, PlannedStream::mode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("me", Mode.TRUNCATE),
                org.assertj.core.groups.Tuple.tuple("workspaces", Mode.SNAPSHOT),
                org.assertj.core.groups.Tuple.tuple("projects", Mode.TRUNCATE),
                org.assertj.core.groups.Tuple.tuple("clients", Mode.TRUNCATE),
                org.assertj.core.groups.Tuple.tuple("tags", Mode.TRUNCATE),
                org.assertj.core.groups.Tuple.tuple("tasks", Mode.TRUNCATE),
                org.assertj.core.groups.Tuple.tuple("workspace_users", Mode.SNAPSHOT),
                org.assertj.core.groups.Tuple.tuple("time_entries", Mode.INCREMENTAL));
        assertThat(plan.stream("time_entries").orElseThrow().updateKey()).contains("at");
    }

    @Test
    void disabledStreamsAreLeftOut() {
        ReplicationPlan plan = parse("streams:\n  '*':\n  tasks: { disabled: true }\n  me: { disabled: false }\n");

        assertThat(plan.streamNames()).containsExactly("me", "workspaces", "projects", "clients", "tags",
                "workspace_users", "time_entries");
    }

    @Test
    void objectTemplatesAreFilledInWithTheLowerCaseSourceAndTheRunTimestamp() {
        ReplicationPlan plan = parse("""
                source: toggl_track
                target: duckdb:///data/Toggl.duckdb
                defaults:
                  object: raw.{source_name}_{stream_name}_{run_timestamp}
                streams:
                  me:
                  clients:
                    object: '{stream_name}'
                """);

        assertThat(plan.source()).isEqualTo("TOGGL_TRACK");
        assertThat(plan.target()).isEqualTo("duckdb:///data/Toggl.duckdb");
        assertThat(plan.stream("me").orElseThrow().object()).isEqualTo("raw.toggl_track_me_2026_03_15_120000");
        assertThat(plan.stream("clients").orElseThrow().object()).isEqualTo("clients");
    }

    @Test
    void streamKeysArePassedThroughResolved() {
        ReplicationPlan plan = parse("""
                target: my_postgres
                env:
                  SCHEMA: toggl
                  LIMIT: 5
                defaults:
                  target_options: { column_casing: source }
                streams:
                  time_entries:
                    mode: incremental
                    primary_key: id
                    update_key: at
                    select: [id, at, description]
                    source_options: { page_size: 50 }
                  projects:
                    select: [-template_id, -recurring_parameters]
                """);

        assertThat(plan.target()).isEqualTo("MY_POSTGRES");
        assertThat(plan.env()).containsExactly(Map.entry("SCHEMA", "toggl"), Map.entry("LIMIT", "5"));
        PlannedStream te = plan.stream("time_entries").orElseThrow();
        assertThat(te.primaryKey()).containsExactly("id");
        assertThat(te.select()).containsExactly("id", "at", "description");
        assertThat(te.selects("description")).isTrue();
        assertThat(te.selects("tags")).isFalse();
        assertThat(te.sourceOptions()).containsExactly(Map.entry("page_size", 50));
        assertThat(te.targetOptions()).containsExactly(Map.entry("column_casing", "source"));
        PlannedStream projects = plan.stream("projects").orElseThrow();
        assertThat(projects.selects("template_id")).isFalse();
        assertThat(projects.selects("name")).isTrue();
    }

    @Test
    void theDefaultPlanSyncsEverythingWithIncrementalTimeEntries() {
        ReplicationPlan plan = Replication.defaultPlan();

        assertThat(plan.source()).isEqualTo("TOGGL_TRACK");
        assertThat(plan.target()).isEqualTo("duckdb://toggl.duckdb");
        List<PlannedStream> expected = new java.util.ArrayList<>(
                TogglStream.specs().subList(0, 7).stream().map(ReplicationTest::fullRefresh).toList());
        expected.add(incrementalTimeEntries());
        // Tables in DuckDB's default schema: the same streams, objects without the "toggl." schema.
        assertThat(plan.streams()).isEqualTo(expected.stream()
                .map(s -> new PlannedStream(s.spec(), s.mode(), s.name(), s.primaryKey(), s.updateKey(), s.select(),
                        s.sourceOptions(), s.targetOptions()))
                .toList());
    }

    @Test
    void modeOverrideAppliesToEveryStreamAndGivesIncrementalStreamsTheirCursor() {
        ReplicationPlan plan = example("sync-all.yaml").withMode(Mode.INCREMENTAL);

        assertThat(plan.streams()).allSatisfy(s -> assertThat(s.mode()).isEqualTo(Mode.INCREMENTAL));
        assertThat(plan.stream("time_entries").orElseThrow().updateKey()).contains("at");
        assertThat(plan.stream("projects").orElseThrow().updateKey()).isEmpty();
        assertThat(Replication.defaultPlan().withMode(Mode.TRUNCATE).streams())
                .allSatisfy(s -> assertThat(s.mode()).isEqualTo(Mode.TRUNCATE));
    }

    @Test
    void streamRestrictionKeepsPlanOrderAndAcceptsGlobs() {
        ReplicationPlan plan = Replication.defaultPlan().onlyStreams(List.of("time_entries", " projects ", "work*"));

        assertThat(plan.streamNames()).containsExactly("workspaces", "projects", "workspace_users", "time_entries");
    }

    @Test
    void streamRestrictionRejectsUnknownAndUnplannedStreams() {
        assertInvalid(() -> Replication.defaultPlan().onlyStreams(List.of("projects", "time_entrys")),
                "--streams time_entrys: unknown stream (did you mean time_entries?); available: me, workspaces, "
                        + "projects, clients, tags, tasks, workspace_users, time_entries");
        assertInvalid(() -> example("export-projects-clients.yaml").onlyStreams(List.of("tags")),
                "--streams tags: not in this replication's streams (planned: workspaces, projects, clients); "
                        + "add it to the replication file's streams");
        assertInvalid(() -> Replication.defaultPlan().onlyStreams(List.of(" ", "")),
                "--streams: names no stream; give a comma-separated list (example: --streams projects,time_entries)");
    }

    @Test
    void modeOverrideRefusesIncrementalWhenSelectDropsTheKey() {
        // Full refresh needs only the primary key; incremental also reads the update key.
        ReplicationPlan plan = parse("streams:\n  time_entries:\n    mode: full-refresh\n    select: [-at]\n");

        assertInvalid(() -> plan.withMode(Mode.INCREMENTAL), "--mode incremental: time_entries: incremental mode needs "
                + "column at (primary or update key), but select leaves it out; keep at in select");
    }

    @Test
    void everyModeKeepsThePrimaryKeyAndSelectNeverMixesKeptAndDropped() {
        assertInvalid(() -> parse("streams:\n  projects:\n    select: [-id]\n"), "replication.yaml: "
                + "streams.projects.select: projects: select leaves out primary key column id, but every load merges "
                + "rows with the same key on it; keep id in select");
        assertInvalid(() -> parse("streams:\n  projects:\n    mode: snapshot\n    select: [name, at]\n"),
                "replication.yaml: streams.projects.select: projects: select leaves out primary key column id, but "
                        + "every load merges rows with the same key on it; keep id in select");
        assertInvalid(() -> parse("streams:\n  projects:\n    select: [id, -name]\n"), "replication.yaml: "
                + "streams.projects.select: mixes kept columns and -excluded ones; list only the columns to keep, or only "
                + "-columns to drop");
        assertThat(parse("streams:\n  projects:\n    select: [id, name]\n").streams().get(0).selection())
                .isEqualTo(new Selection(java.util.Set.of("id", "name"), java.util.Set.of()));
    }
}
