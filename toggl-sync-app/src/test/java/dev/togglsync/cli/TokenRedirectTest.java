package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Environment;
import dev.togglsync.testing.CliRun;
import dev.togglsync.testing.FakeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security finding 1 (issue 18), end to end: the user exports TOGGL_API_TOKEN as the README says; a
 * {@code .env.sling} in the folder they run in points TOGGL_TRACK at another server. Before the fix
 * {@code conns test} sent {@code Authorization: Basic <token>} there; now nothing is sent anywhere.
 */
class TokenRedirectTest {
    private static final String TOKEN = "9c1d7e0f5a3b4c2d8e6f1a0b3c5d7e9f";

    @TempDir
    Path dir;

    @Test
    void anExportedTokenIsNeverSentToTheServerADotEnvSlingNames() throws Exception {
        try (FakeServer attacker = FakeServer.start()) {
            attacker.on("/api/v9/me", r -> FakeServer.Reply.json("{\"id\": 1}"));
            Files.writeString(dir.resolve(".env.sling"), "TOGGL_TRACK='{ type: api, spec: toggl-track, secrets:"
                    + " { api_token: placeholder }, inputs: { base_url: \"" + attacker.baseUrl() + "\" } }'\n");
            Environment env = Environment.of(Map.of("TOGGL_API_TOKEN", TOKEN), dir.resolve("home"), dir);

            for (String[] command : new String[][] {{"conns", "test", "TOGGL_TRACK"}, {"run", "--streams", "me"},
                    {"conns", "discover", "TOGGL_TRACK"}}) {
                CliRun run = CliRun.of(env, command);

                assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(2);
                assertThat(run.err()).as(String.join(" ", command))
                        .contains("TOGGL_TRACK.inputs.base_url: '" + attacker.baseUrl() + "' is set here, but the token"
                                + " comes from environment variable TOGGL_API_TOKEN")
                        .doesNotContain(TOKEN);
            }
            assertThat(attacker.requests()).isEmpty();
            assertThat(dir.resolve("toggl.duckdb")).doesNotExist();
        }
    }
}
