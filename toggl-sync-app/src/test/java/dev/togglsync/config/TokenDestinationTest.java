package dev.togglsync.config;

import static dev.togglsync.config.Fixtures.assertInvalid;
import static dev.togglsync.config.Fixtures.env;
import static dev.togglsync.config.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security finding 1 (issue 18): a token goes only where its owner meant. An exported
 * TOGGL_API_TOKEN must not follow a base_url that someone else's {@code .env.sling} sets, and plain
 * http leaves this machine only when the connection says so.
 */
class TokenDestinationTest {
    private static final String TOKEN = "real-token-of-the-user";
    private static final String ELSEWHERE = "TOGGL_TRACK='{ type: api, spec: toggl-track, secrets: { api_token: x },"
            + " inputs: { base_url: \"http://127.0.0.1:18502\" } }'\n";

    @TempDir
    Path dir;

    private Connections load(Map<String, String> variables) {
        return Connections.load(env(dir, variables));
    }

    private Path dotEnv(String text) {
        Path file = dir.resolve("work/.env.sling");
        write(file, text);
        return file;
    }

    @Test
    void theEnvironmentsTokenDoesNotFollowABaseUrlThatDotEnvSlingSets() {
        dotEnv(ELSEWHERE);

        assertInvalid(() -> load(Map.of("TOGGL_API_TOKEN", TOKEN)).source("TOGGL_TRACK", "conns test TOGGL_TRACK"),
                ".env.sling: TOGGL_TRACK.inputs.base_url: 'http://127.0.0.1:18502' is set here, but the token comes"
                        + " from environment variable TOGGL_API_TOKEN; a token is sent only to a base_url set in the"
                        + " same place or in your env.yaml: put the token into this definition's secrets, or remove its"
                        + " base_url");
    }

    @Test
    void aBaseUrlSetBesideTheTokenOrInEnvYamlOrTogglsOwnStillTakesIt() {
        dotEnv(ELSEWHERE + "TOGGL_API_TOKEN=" + TOKEN + "\n");
        assertThat(load(Map.of()).source("TOGGL_TRACK", "t").apiToken().reveal()).isEqualTo(TOKEN);

        dotEnv("TOGGL_TRACK='{ type: api, spec: toggl-track, secrets: { api_token: x },"
                + " inputs: { base_url: \"https://api.track.toggl.com/\", rate: 2 } }'\n");
        TogglConnection c = load(Map.of("TOGGL_API_TOKEN", TOKEN)).source("TOGGL_TRACK", "t");
        assertThat(c.apiToken().reveal()).isEqualTo(TOKEN);
        assertThat(c.rate()).isEqualTo(2.0);

        write(dir.resolve("work/.env.sling"), "");
        write(dir.resolve("home/.toggl-sync/env.yaml"), "connections:\n  TOGGL_TRACK: { type: api, spec: toggl-track,"
                + " secrets: { api_token: x }, inputs: { base_url: 'http://127.0.0.1:18502' } }\n");
        c = load(Map.of("TOGGL_API_TOKEN", TOKEN)).source("TOGGL_TRACK", "t");
        assertThat(c.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:18502"));
        assertThat(c.apiToken().reveal()).isEqualTo(TOKEN);
    }

    @Test
    void aDotEnvSlingThatOthersMayWriteIsNotRead() throws Exception {
        Path file = dotEnv(ELSEWHERE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

        TogglConnection c = load(Map.of("TOGGL_API_TOKEN", TOKEN)).source("TOGGL_TRACK", "t");

        assertThat(c.baseUrl()).isEqualTo(TogglConnection.DEFAULT_BASE_URL);
        assertThat(DotEnvFile.distrust(file, System.getProperty("user.name"))).hasValue(
                "others may write to it; its connections could send your token elsewhere: chmod go-w .env.sling");
        assertThat(DotEnvFile.distrust(file, "someone-else")).get().asString().startsWith("it belongs to ");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(DotEnvFile.distrust(file, System.getProperty("user.name"))).isEmpty();
    }

    @Test
    void plainHttpLeavesThisMachineOnlyWhenTheConnectionSaysSo() {
        String toggl = "{ type: api, spec: toggl-track, secrets: { api_token: x }, inputs: { base_url: '%s'%s } }";
        assertInvalid(() -> load(Map.of("TOGGL_TRACK", toggl.formatted("http://toggl.example.com", ""))).source("TOGGL_TRACK", "t"),
                "environment variable TOGGL_TRACK: inputs.base_url: 'http://toggl.example.com' is plain http to another"
                        + " machine: the API token would travel in clear; use https://, or set"
                        + " inputs.allow_insecure_http: true if you accept that");

        for (String local : new String[] {"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9", "http://127.1.2.3"}) {
            assertThat(load(Map.of("TOGGL_TRACK", toggl.formatted(local, ""))).source("TOGGL_TRACK", "t").baseUrl())
                    .isEqualTo(URI.create(local));
        }
        assertThat(load(Map.of("TOGGL_TRACK", toggl.formatted("http://proxy.internal", ", allow_insecure_http: true")))
                .source("TOGGL_TRACK", "t").baseUrl()).isEqualTo(URI.create("http://proxy.internal"));
    }
}
