package dev.togglsync.config;

import static dev.togglsync.config.Fixtures.assertInvalid;
import static dev.togglsync.config.Fixtures.env;
import static dev.togglsync.config.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, finding 6: a secret need never be an argument (visible in {@code ps} and the shell's
 * history): {@code KEY=-} reads it from the prompt or stdin, {@code ${VAR}} takes it from the
 * environment at every load and env.yaml keeps only the reference.
 */
class SecretsOffCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void aDashReadsTheTokenAndThePasswordFromTheInputInTheOrderGiven() throws IOException {
        List<String> asked = new ArrayList<>();
        List<String> typed = new ArrayList<>(List.of("tok-from-stdin", "pw-from-stdin"));
        SecretInput input = key -> {
            asked.add(key);
            return typed.remove(0);
        };
        Environment env = env(dir, Map.of());

        Connection toggl = ConnectionStore.set(env, "TOGGL_TRACK", List.of("type=api", "spec=toggl-track", "secrets.api_token=-"), input);
        Connection pg = ConnectionStore.set(env, "PG", List.of("type=postgres", "host=h", "user=u", "password=-", "database=d"), input);

        assertThat(asked).containsExactly("secrets.api_token", "password");
        assertThat(((TogglConnection) toggl).apiToken().reveal()).isEqualTo("tok-from-stdin");
        assertThat(((PostgresConnection) pg).password().reveal()).isEqualTo("pw-from-stdin");
        assertThat(Connections.load(env).get("PG", "t")).isEqualTo(
                new PostgresConnection("PG", "h", 5432, "u", Secret.of("pw-from-stdin"), "d", null));
    }

    @Test
    void nothingOnStdinIsAnErrorThatSaysHowToGiveIt() {
        assertInvalid(() -> ConnectionStore.set(env(dir, Map.of()), "T", List.of("type=api", "spec=toggl-track",
                "secrets.api_token=-"), key -> null),
                "conns set T: secrets.api_token: - reads the value from standard input, which gave nothing; pipe it"
                        + " (printf '%s' \"$TOKEN\" | toggl-sync conns set ...) or run in a terminal to be asked");
        assertInvalid(() -> ConnectionStore.set(env(dir, Map.of()), "T", List.of("secrets={ api_token: x }",
                "secrets.api_token=-"), key -> "y"),
                "conns set T: secrets.api_token: given twice; give each key once");
    }

    @Test
    void aReferenceIsResolvedAtEveryLoadAndOnlyTheReferenceIsStored() throws IOException {
        Environment env = env(dir, Map.of("MY_TOGGL_TOKEN", "tok-in-env"));
        ConnectionStore.set(env, "TOGGL_TRACK", List.of("type=api", "spec=toggl-track", "secrets.api_token=${MY_TOGGL_TOKEN}"));

        String stored = Files.readString(env.envYaml());
        assertThat(stored).contains("${MY_TOGGL_TOKEN}").doesNotContain("tok-in-env");
        assertThat(Connections.load(env).source("TOGGL_TRACK", "t").apiToken().reveal()).isEqualTo("tok-in-env");

        Environment later = env(dir, Map.of("MY_TOGGL_TOKEN", "rotated"));
        assertThat(Connections.load(later).source("TOGGL_TRACK", "t").apiToken().reveal()).isEqualTo("rotated");

        Environment unset = env(dir, Map.of());
        assertThat(Connections.load(unset).entry("TOGGL_TRACK").orElseThrow().description())
                .isEqualTo("INVALID: ~/.toggl-sync/env.yaml: connections.TOGGL_TRACK.secrets.api_token: refers to"
                        + " ${MY_TOGGL_TOKEN}, which is not set in the environment; export MY_TOGGL_TOKEN (or write the value)");
    }

    @Test
    void referencesWorkInsideAValueAndInEnvironmentVariables() {
        Environment env = env(dir, Map.of("PGPW", "s3cret", "PG", "{ type: postgres, host: h, user: u, password: '${PGPW}',"
                + " database: 'db_${SUFFIX}' }", "SUFFIX", "prod"));
        PostgresConnection pg = (PostgresConnection) Connections.load(env).get("PG", "t");
        assertThat(pg.password().reveal()).isEqualTo("s3cret");
        assertThat(pg.database()).isEqualTo("db_prod");
    }

    @Test
    void aDotEnvSlingCannotPullAnExportedSecretThroughAReference() {
        write(dir.resolve("work/.env.sling"), "TOGGL_TRACK='{ type: api, spec: toggl-track, secrets: { api_token: \"${TOGGL_API_TOKEN_COPY}\" },"
                + " inputs: { base_url: \"https://collector.example\" } }'\n");
        Environment env = env(dir, Map.of("TOGGL_API_TOKEN_COPY", "real-token"));
        assertThat(Connections.load(env).entry("TOGGL_TRACK").orElseThrow().description())
                .startsWith("INVALID: .env.sling: TOGGL_TRACK.secrets.api_token: ${TOGGL_API_TOKEN_COPY} references are"
                        + " resolved only in env.yaml, environment variables and conns set, not in .env.sling")
                .doesNotContain("real-token");
    }
}
