package dev.togglsync.toggl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.toggl.TogglStream.Scope;
import dev.togglsync.toggl.TogglStream.Selection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue is consistent with itself: what each declaration says fits the rest of it. */
class TogglStreamTest {
    @Test
    void namesAreUniqueAndStarKeepsTheDependencyOrderOfDesign() {
        Set<String> seen = new HashSet<>();
        assertThat(TogglStream.all()).allSatisfy(s -> assertThat(seen.add(s.streamName())).as(s.streamName()).isTrue());
        assertThat(TogglStream.star()).extracting(StreamSpec::name).containsExactly(
                "me", "workspaces", "projects", "clients", "tags", "tasks", "workspace_users", "time_entries");
        assertThat(TogglStream.all()).allSatisfy(s -> assertThat(s.selection()).isEqualTo(Selection.STAR));
        assertThat(TogglStream.names()).isEqualTo("me, workspaces, projects, clients, tags, tasks, workspace_users, time_entries");
    }

    @Test
    void everySchemaHoldsItsKeyAndItsCursorField() {
        for (TogglStream s : TogglStream.all()) {
            StreamSpec spec = s.spec();
            assertThat(spec.primaryKey()).as(s.streamName()).isNotEmpty()
                    .allSatisfy(k -> assertThat(spec.schema().indexOf(k)).as(s.streamName() + " key " + k).isNotNegative());
            spec.cursorField().ifPresent(c -> assertThat(spec.schema().indexOf(c)).as(s.streamName() + " cursor " + c).isNotNegative());
            assertThat(spec.incremental()).as(s.streamName()).isEqualTo(spec.cursorField().isPresent());
            assertThat(spec.schema().indexOf("api_token")).as(s.streamName()).isNegative();
        }
        assertThat(TogglStream.TIME_ENTRIES.spec().cursorField()).contains("at");
    }

    @Test
    void aStreamDependsOnlyOnOneDeclaredBeforeItAndWorkspaceStreamsOnTheWorkspaceQueue() {
        List<TogglStream> all = TogglStream.all();
        for (TogglStream s : all) {
            s.dependsOn().ifPresent(d -> assertThat(all.indexOf(d)).as(s.streamName()).isLessThan(all.indexOf(s)));
            assertThat(s.spec().dependsOn()).isEqualTo(s.dependsOn().map(TogglStream::streamName));
            String path = s.endpoint().path();
            switch (s.scope()) {
                case USER -> {
                    assertThat(path).as(s.streamName()).startsWith("/api/v9/me").doesNotContain("{");
                    assertThat(s.dependsOn()).as(s.streamName()).isEmpty();
                }
                case WORKSPACE -> {
                    assertThat(path).as(s.streamName()).contains(Endpoint.WORKSPACE_ID);
                    assertThat(s.dependsOn()).as(s.streamName()).contains(TogglStream.WORKSPACES);
                }
                case ORGANIZATION -> assertThat(path).as(s.streamName()).contains("{organization_id}");
            }
        }
    }

    @Test
    void aRefusedTokenIsAnAuthenticationFailureOnTheUsersOwnDataAndA401Everywhere() {
        for (TogglStream s : TogglStream.all()) {
            assertThat(s.refusal(401)).as(s.streamName()).isEqualTo(Refusal.BAD_TOKEN);
            assertThat(s.refusal(404)).as(s.streamName()).isEqualTo(Refusal.FAILS);
            if (s.scope() == Scope.USER) {
                assertThat(s.refusal(403)).as(s.streamName()).isEqualTo(Refusal.BAD_TOKEN);
            } else {
                assertThat(s.refusal(402)).as(s.streamName()).isEqualTo(Refusal.PAID_FEATURE);
            }
        }
        assertThat(TogglStream.WORKSPACE_USERS.refusal(403).action()).isEqualTo(Refusal.Action.SKIP);
        assertThat(TogglStream.TAGS.refusal(403)).isEqualTo(Refusal.FAILS);
    }

    @Test
    void aSpecIsFoundByNameAndAnUnknownOneIsInvalidInputListingTheStreams() {
        assertThat(TogglStream.of(TogglStream.TAGS.spec())).isEqualTo(TogglStream.TAGS);
        assertThat(TogglStream.find("time_entries")).contains(TogglStream.TIME_ENTRIES);
        assertThat(TogglStream.find("time_entrys")).isEmpty();
        StreamSpec other = new StreamSpec("groups", "", Optional.empty(), false, Optional.empty(), List.of("id"),
                TogglStream.ME.spec().schema());
        assertThatThrownBy(() -> TogglStream.of(other))
                .isInstanceOfSatisfying(TogglSyncException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessage("stream groups: not a stream of the Toggl source; available: " + TogglStream.names());
    }
}
