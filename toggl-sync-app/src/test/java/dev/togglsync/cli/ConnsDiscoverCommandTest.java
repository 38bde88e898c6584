package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.togglsync.config.Environment;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.toggl.TogglStream;
import dev.togglsync.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnsDiscoverCommandTest {
    @TempDir
    Path dir;

    private Environment env() {
        // The base URL points nowhere: discover must not send a request.
        return Environment.of(Map.of("TOGGL_TRACK",
                "{ type: api, spec: toggl-track, secrets: { api_token: tok-123 }, inputs: { base_url: 'http://127.0.0.1:9' } }"),
                dir, dir);
    }

    @Test
    void listsTheEightStreamsInDependencyOrder() {
        CliRun run = CliRun.of(env(), "conns", "discover", "toggl_track");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(""
                + "STREAM           DEPENDS ON  INCREMENTAL      PRIMARY KEY  DESCRIPTION\n"
                + "me               -           no (read whole)  id           The token owner's user profile (one row).\n"
                + "workspaces       -           no (read whole)  id           The workspaces the user belongs to; feeds the workspace queue.\n"
                + "projects         workspaces  no (read whole)  id           Projects of each workspace, active and archived.\n"
                + "clients          workspaces  no (read whole)  id           Clients of each workspace, active and archived.\n"
                + "tags             workspaces  no (read whole)  id           Tags of each workspace.\n"
                + "tasks            workspaces  no (read whole)  id           Tasks of each workspace (a paid feature: zero rows on free plans).\n"
                + "workspace_users  workspaces  no (read whole)  id           Members of each workspace (admins only; other workspaces are skipped).\n"
                + "time_entries     -           yes (cursor at)  id           The token owner's time entries (last ~3 months; deletes kept with server_deleted_at).\n");
    }

    @Test
    void columnsOfTheStreamsAPatternMatches() {
        CliRun run = CliRun.of(env(), "conns", "discover", "TOGGL_TRACK", "-p", "time_*", "--columns");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("STREAM        COLUMN             TYPE         KEY");
        assertThat(lines).contains(
                "time_entries  id                 bigint       primary key",
                "time_entries  start              timestamptz",
                "time_entries  tags               json",
                "time_entries  at                 timestamptz  cursor");
        assertThat(lines).hasSize(1 + TogglStream.TIME_ENTRIES.spec().schema().size());
        assertThat(run.out()).doesNotContain("projects");
    }

    @Test
    void jsonHasEveryStreamWithItsColumns() throws Exception {
        CliRun run = CliRun.of(env(), "conns", "discover", "TOGGL_TRACK", "-o", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("connection").asText()).isEqualTo("TOGGL_TRACK");
        List<String> names = new ArrayList<>();
        doc.get("streams").forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).containsExactlyElementsOf(TogglStream.specs().stream().map(StreamSpec::name).toList());
        JsonNode projects = doc.get("streams").get(2);
        assertThat(projects.get("depends_on").asText()).isEqualTo("workspaces");
        assertThat(projects.get("incremental").asBoolean()).isFalse();
        assertThat(projects.get("cursor_field").isNull()).isTrue();
        assertThat(projects.get("columns")).hasSize(TogglStream.PROJECTS.spec().schema().size());
        JsonNode timeEntries = doc.get("streams").get(7);
        assertThat(timeEntries.get("incremental").asBoolean()).isTrue();
        assertThat(timeEntries.get("cursor_field").asText()).isEqualTo("at");
        assertThat(timeEntries.get("columns").get(0).toString()).isEqualTo("{\"name\":\"id\",\"type\":\"bigint\"}");
        assertThat(run.out()).doesNotContain("tok-123");
    }

    @Test
    void aPatternMatchingNothingIsAnInputError() {
        CliRun unknown = CliRun.of(env(), "conns", "discover", "TOGGL_TRACK", "-p", "entries");
        CliRun glob = CliRun.of(env(), "conns", "discover", "TOGGL_TRACK", "-p", "user*");

        assertThat(unknown).isEqualTo(new CliRun(2, "", "error: conns discover: -p entries: unknown stream; available: "
                + "me, workspaces, projects, clients, tags, tasks, workspace_users, time_entries\n"));
        assertThat(glob).isEqualTo(new CliRun(2, "", "error: conns discover: -p user*: matches no stream; available: "
                + "me, workspaces, projects, clients, tags, tasks, workspace_users, time_entries\n"));
    }

    @Test
    void anUnknownConnectionSaysHowToDefineOne() {
        CliRun run = CliRun.of(Environment.of(Map.of(), dir, dir), "conns", "discover", "TOGGL_TRACK");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: conns discover TOGGL_TRACK: no connection named TOGGL_TRACK (defined: none); "
                + "set TOGGL_API_TOKEN");
    }

    @Test
    void aDatabaseConnectionHasNoStreams() {
        CliRun run = CliRun.of(Environment.of(Map.of("LOCAL", "duckdb:///tmp/x.duckdb"), dir, dir), "conns", "discover", "local");

        assertThat(run).isEqualTo(new CliRun(2, "", "error: conns discover local: LOCAL is a duckdb connection, not the Toggl "
                + "source; name a connection of type api (example: TOGGL_TRACK)\n"));
    }
}
