package dev.togglsync.config;

import static dev.togglsync.config.Fixtures.CLOCK;
import static dev.togglsync.config.Fixtures.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.schema.StreamSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One reader of stream names for YAML keys and every option that takes them. */
class StreamNamesTest {
    private static List<String> names(List<StreamSpec> streams) {
        return streams.stream().map(StreamSpec::name).toList();
    }

    @Test
    void namesAndGlobsMatchWithoutRegardToCaseInDependencyOrderWithoutRepeats() {
        assertThat(names(StreamNames.parse("state reset", "--stream", List.of("TIME_*", "Me", "time_entries", " "))))
                .containsExactly("me", "time_entries");
        assertThat(names(StreamNames.parse("", "--streams", List.of("*s")))).containsExactly(
                "workspaces", "projects", "clients", "tags", "tasks", "workspace_users", "time_entries");
        assertThat(names(StreamNames.parse("conns discover", "-p", List.of("?e")))).containsExactly("me");
    }

    @Test
    void theSameRulesHoldForReplicationKeys() {
        ReplicationPlan plan = Replication.parse("replication.yaml",
                "source: TOGGL_TRACK\ntarget: X\nstreams:\n  Projects:\n  TIME_*:\n    mode: incremental\n", CLOCK);

        assertThat(plan.streamNames()).containsExactly("projects", "time_entries");
    }

    @Test
    void everyPlaceReportsAnUnknownNameTheSameWay() {
        String available = "; available: me, workspaces, projects, clients, tags, tasks, workspace_users, time_entries";
        assertInvalid(() -> StreamNames.parse("state reset", "--stream", List.of("projets")),
                "state reset: --stream projets: unknown stream (did you mean projects?)" + available);
        assertInvalid(() -> StreamNames.parse("", "--streams", List.of("x*")), "--streams x*: matches no stream" + available);
        assertInvalid(() -> StreamNames.parse("conns test T", "--endpoints", List.of("", " ")),
                "conns test T: --endpoints: names no stream; give a comma-separated list (example: --endpoints "
                        + "projects,time_entries)");
    }
}
