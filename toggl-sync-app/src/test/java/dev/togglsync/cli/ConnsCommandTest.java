package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Environment;
import dev.togglsync.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnsCommandTest {
    @TempDir
    Path dir;

    private Environment env(Map<String, String> variables) throws IOException {
        Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("work"));
        return new Environment(variables, dir.resolve("home"), dir.resolve("work"),
                Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void setListUnsetRoundTrip() throws IOException {
        Environment env = env(Map.of());

        CliRun setToggl = CliRun.of(env, "conns", "set", "toggl_track", "type=api", "spec=toggl-track",
                "secrets={ api_token: xxx }", "inputs={ rate: 2 }");
        CliRun setPg = CliRun.of(env, "conns", "set", "MY_PG", "url=postgresql://toggl:pw@db:5432/analytics?sslmode=disable");
        CliRun list = CliRun.of(env, "conns", "list");
        CliRun unset = CliRun.of(env, "conns", "unset", "my_pg");
        CliRun listAfter = CliRun.of(env, "conns", "list");
        CliRun unsetAgain = CliRun.of(env, "conns", "unset", "MY_PG");

        assertThat(setToggl).isEqualTo(new CliRun(0, "saved TOGGL_TRACK (api) in ~/.toggl-sync/env.yaml\n", ""));
        assertThat(setPg).isEqualTo(new CliRun(0, "saved MY_PG (postgres) in ~/.toggl-sync/env.yaml\n", ""));
        assertThat(list).isEqualTo(new CliRun(0, ""
                + "NAME         TYPE      SOURCE    DESCRIPTION\n"
                + "MY_PG        postgres  env.yaml  postgresql://toggl:****@db:5432/analytics?sslmode=disable\n"
                + "TOGGL_TRACK  api       env.yaml  toggl-track, token ****, https://api.track.toggl.com, rate 2/s\n", ""));
        assertThat(unset).isEqualTo(new CliRun(0, "removed MY_PG from ~/.toggl-sync/env.yaml\n", ""));
        assertThat(listAfter.out()).doesNotContain("MY_PG").contains("TOGGL_TRACK");
        assertThat(unsetAgain).isEqualTo(new CliRun(2, "",
                "error: conns unset: no connection named MY_PG in ~/.toggl-sync/env.yaml (defined there: TOGGL_TRACK)\n"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env.envYaml()))).isEqualTo("rw-------");
    }

    @Test
    void anInvalidSetExitsTwoAndWritesNothing() throws IOException {
        Environment env = env(Map.of());

        CliRun run = CliRun.of(env, "conns", "set", "TOGGL_TRACK", "type=api", "spec=toggl", "secrets={ api_token: xxx }");

        assertThat(run).isEqualTo(new CliRun(2, "", "error: conns set TOGGL_TRACK: spec: unknown spec 'toggl' "
                + "(did you mean toggl-track?); known specs: toggl-track\n"));
        assertThat(env.envYaml()).doesNotExist();
    }

    @Test
    void setWithoutAssignmentsIsAUsageError() throws IOException {
        CliRun run = CliRun.of(env(Map.of()), "conns", "set", "TOGGL_TRACK");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Missing required parameter: 'KEY=VALUE'");
    }

    @Test
    void listShowsEachSourceAndInvalidEntriesWithTheirReason() throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve("work")).resolve(".env.sling"), "LOCAL=duckdb:///data/l.duckdb\n");
        Environment env = env(Map.of("TOGGL_API_TOKEN", "xxx", "BROKEN", "postgresql://u@h:0/d", "PATH", "/bin"));

        CliRun run = CliRun.of(env, "conns", "list");

        assertThat(run).isEqualTo(new CliRun(0, ""
                + "NAME         TYPE      SOURCE                   DESCRIPTION\n"
                + "BROKEN       postgres  env var                  INVALID: environment variable BROKEN: "
                + "'postgresql://u@h:0/d': port '0' is not a port number from 1 to 65535 (example: 5432)\n"
                + "LOCAL        duckdb    .env.sling               /data/l.duckdb\n"
                + "TOGGL_TRACK  api       env var TOGGL_API_TOKEN  toggl-track, token ****, https://api.track.toggl.com\n", ""));
    }

    @Test
    void listWithNothingDefinedSaysHowToStart() throws IOException {
        CliRun run = CliRun.of(env(Map.of()), "conns", "list");

        assertThat(run).isEqualTo(new CliRun(0, "no connections (looked in ~/.toggl-sync/env.yaml, .env.sling and the "
                + "environment); add one with: toggl-sync conns set TOGGL_TRACK type=api spec=toggl-track "
                + "secrets='{ api_token: <your token> }'\n", ""));
    }

    @Test
    void setNotesWhenTheEnvironmentOverridesTheNewEntry() throws IOException {
        Environment env = env(Map.of("MY_PG", "postgresql://u@h/d"));

        CliRun run = CliRun.of(env, "conns", "set", "my_pg", "url=postgresql://v@h/d");

        assertThat(run).isEqualTo(new CliRun(0, "saved MY_PG (postgres) in ~/.toggl-sync/env.yaml\n",
                "note: MY_PG is also defined by environment variable MY_PG, which wins over env.yaml\n"));
    }

    @Test
    void unsetOfAConnectionFromTheEnvironmentSaysWhereItLives() throws IOException {
        CliRun run = CliRun.of(env(Map.of("TOGGL_API_TOKEN", "xxx")), "conns", "unset", "TOGGL_TRACK");

        assertThat(run).isEqualTo(new CliRun(2, "", "error: conns unset: TOGGL_TRACK is defined by environment variable "
                + "TOGGL_API_TOKEN, not ~/.toggl-sync/env.yaml; remove it there\n"));
    }

    @Test
    void connsAloneListsItsSubcommands() throws IOException {
        CliRun run = CliRun.of(env(Map.of()), "conns");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("set", "list", "unset");
    }
}
