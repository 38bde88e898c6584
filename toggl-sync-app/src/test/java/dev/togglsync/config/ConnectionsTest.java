package dev.togglsync.config;

import dev.togglsync.Secret;
import static dev.togglsync.config.Fixtures.assertInvalid;
import static dev.togglsync.config.Fixtures.env;
import static dev.togglsync.config.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionsTest {
    @TempDir
    Path dir;

    private static TogglConnection toggl(String token) {
        return new TogglConnection("TOGGL_TRACK", Secret.of(token), Optional.empty(), TogglConnection.DEFAULT_BASE_URL,
                TogglConnection.DEFAULT_RATE, TogglConnection.DEFAULT_MAX_QUOTA_WAIT, List.of());
    }

    private Connections load(Map<String, String> variables) {
        return Connections.load(env(dir, variables));
    }

    private void envYaml(String text) {
        write(dir.resolve("home/.toggl-sync/env.yaml"), text);
    }

    private void dotEnv(String text) {
        write(dir.resolve("work/.env.sling"), text);
    }

    @Test
    void togglFormOneConnsSetIsReadBackFromEnvYaml() {
        Environment env = env(dir, Map.of());
        ConnectionStore.set(env, "toggl_track", List.of("type=api", "spec=toggl-track", "secrets={ api_token: xxx }"));

        ConnectionEntry entry = Connections.load(env).entry("TOGGL_TRACK").orElseThrow();

        assertThat(entry.require()).isEqualTo(toggl("xxx"));
        assertThat(entry.origin()).isEqualTo("env.yaml");
    }

    @Test
    void togglFormTwoAnEnvironmentVariableHoldingAYamlMap() {
        Connections c = load(Map.of("TOGGL_TRACK", "{ type: api, spec: toggl-track, secrets: { api_token: \"xxx\" } }"));

        assertThat(c.source("TOGGL_TRACK", "test")).isEqualTo(toggl("xxx"));
        assertThat(c.entry("toggl_track").orElseThrow().origin()).isEqualTo("env var");
    }

    @Test
    void togglFormTwoAlsoAcceptsJson() {
        Connections c = load(Map.of("TOGGL_TRACK",
                "{\"type\": \"api\", \"spec\": \"toggl-track\", \"secrets\": {\"api_token\": \"xxx\"}}"));

        assertThat(c.source("TOGGL_TRACK", "test")).isEqualTo(toggl("xxx"));
    }

    @Test
    void togglFormThreeEnvYamlWithEveryInput() {
        envYaml("""
                connections:
                  TOGGL_TRACK:
                    type: api
                    spec: toggl-track
                    secrets:
                      api_token: xxx
                    inputs:
                      anchor_date: 2026-01-31
                      base_url: http://127.0.0.1:8080/
                      rate: 0.5
                      max_quota_wait: 600
                      workspace_ids: [7, 3, 7]
                """);

        TogglConnection t = load(Map.of()).source("toggl_track", "test");

        assertThat(t).isEqualTo(new TogglConnection("TOGGL_TRACK", Secret.of("xxx"),
                Optional.of(Instant.parse("2026-01-31T00:00:00Z")), URI.create("http://127.0.0.1:8080"), 0.5,
                Duration.ofSeconds(600), List.of(7L, 3L)));
    }

    @Test
    void togglFormThreeAsAFlowMapLikeDesignShowsIt() {
        envYaml("connections: { TOGGL_TRACK: { type: api, spec: toggl-track, secrets: { api_token: xxx } } }\n");

        assertThat(load(Map.of()).source("TOGGL_TRACK", "test")).isEqualTo(toggl("xxx"));
    }

    @Test
    void anchorDateAcceptsDatesAndDateTimesWithOrWithoutOffset() {
        String base = "{ type: api, spec: toggl-track, secrets: { api_token: x }, inputs: { anchor_date: '%s' } }";
        Map<String, Instant> cases = Map.of(
                "2026-03-15", Instant.parse("2026-03-15T00:00:00Z"),
                "2026-01-31T08:00:00Z", Instant.parse("2026-01-31T08:00:00Z"),
                "2026-01-31T08:00:00+02:00", Instant.parse("2026-01-31T06:00:00Z"),
                "2026-01-31T08:00:00", Instant.parse("2026-01-31T08:00:00Z"),
                "2026-03-15T12:00:00Z", Fixtures.NOW);
        cases.forEach((text, expected) -> assertThat(
                load(Map.of("TOGGL_TRACK", String.format(base, text))).source("TOGGL_TRACK", "test").anchorDate())
                .as(text).contains(expected));
    }

    @Test
    void postgresUrlWithEncodedPasswordDefaultPortAndSslmode() {
        Connections c = load(Map.of(
                "MY_POSTGRES", "postgresql://toggl:p%40ss%3Aw+rd@db.example.com/analytics?sslmode=require",
                "OTHER_PG", "postgres://u@[::1]:6543/db"));

        assertThat(c.get("my_postgres", "test")).isEqualTo(new PostgresConnection("MY_POSTGRES", "db.example.com", 5432,
                "toggl", Secret.of("p@ss:w+rd"), "analytics", "require"));
        assertThat(c.get("OTHER_PG", "test")).isEqualTo(new PostgresConnection("OTHER_PG", "[::1]", 6543, "u", null, "db", null));
    }

    @Test
    void postgresMapFormAndMapWithUrlWhoseKeysOverrideTheUrl() {
        envYaml("""
                connections:
                  pg_map: { type: postgres, host: localhost, port: 5433, user: toggl, password: "0123", database: t, sslmode: disable }
                  PG_URL:
                    url: postgresql://a:b@h:1/d
                    database: other
                  PG_STRING: postgresql://a@h/d
                """);

        Connections c = load(Map.of());

        assertThat(c.get("PG_MAP", "test")).isEqualTo(
                new PostgresConnection("PG_MAP", "localhost", 5433, "toggl", Secret.of("0123"), "t", "disable"));
        assertThat(c.get("PG_URL", "test")).isEqualTo(new PostgresConnection("PG_URL", "h", 1, "a", Secret.of("b"), "other", null));
        assertThat(c.get("PG_STRING", "test")).isEqualTo(new PostgresConnection("PG_STRING", "h", 5432, "a", null, "d", null));
    }

    @Test
    void duckDbAbsoluteRelativeAndMapForms() {
        envYaml("""
                connections:
                  DUCK_MAP: { type: duckdb, instance: data/t.duckdb }
                  DUCK_MAP_ABS: { type: duckdb, instance: /srv/t.duckdb }
                  DUCK_URL_IN_MAP: { url: "duckdb:///srv/u.duckdb" }
                """);

        Connections c = load(Map.of("DUCK_ABS", "duckdb:///var/lib/toggl.duckdb", "DUCK_REL", "duckdb://toggl.duckdb"));

        Path work = dir.resolve("work").toAbsolutePath();
        assertThat(c.get("DUCK_ABS", "t")).isEqualTo(new DuckDbConnection("DUCK_ABS", Path.of("/var/lib/toggl.duckdb")));
        assertThat(c.get("DUCK_REL", "t")).isEqualTo(new DuckDbConnection("DUCK_REL", work.resolve("toggl.duckdb")));
        assertThat(c.get("DUCK_MAP", "t")).isEqualTo(new DuckDbConnection("DUCK_MAP", work.resolve("data/t.duckdb")));
        assertThat(c.get("DUCK_MAP_ABS", "t")).isEqualTo(new DuckDbConnection("DUCK_MAP_ABS", Path.of("/srv/t.duckdb")));
        assertThat(c.get("DUCK_URL_IN_MAP", "t")).isEqualTo(new DuckDbConnection("DUCK_URL_IN_MAP", Path.of("/srv/u.duckdb")));
    }

    @Test
    void dotEnvSlingLinesQuotedOrNotWithCommentsAndExport() {
        dotEnv("""
                # connections for this project
                TOGGL_TRACK='{ type: api, spec: toggl-track, secrets: { api_token: from_dotenv } }'

                export MY_PG="postgresql://u:p@h:5432/d"   # the warehouse
                LOCAL=duckdb://local.duckdb # a comment
                SLING_THREADS=4
                """);

        Connections c = load(Map.of());

        assertThat(c.entries()).extracting(ConnectionEntry::name).containsExactly("LOCAL", "MY_PG", "TOGGL_TRACK");
        assertThat(c.entries()).allSatisfy(e -> assertThat(e.origin()).isEqualTo(".env.sling"));
        assertThat(c.source("TOGGL_TRACK", "t")).isEqualTo(toggl("from_dotenv"));
        assertThat(c.get("MY_PG", "t")).isEqualTo(new PostgresConnection("MY_PG", "h", 5432, "u", Secret.of("p"), "d", null));
        assertThat(c.get("LOCAL", "t")).isEqualTo(new DuckDbConnection("LOCAL", dir.resolve("work/local.duckdb")));
    }

    @Test
    void environmentVariablesAreConnectionsOnlyWhenTheyLookLikeOne() {
        Connections c = load(Map.of(
                "PATH", "/usr/bin:/bin",
                "HOME", "/root",
                "SOME_JSON", "{\"colour\": \"blue\"}",
                "GOOGLE_CREDENTIALS", "{\"type\": \"service_account\", \"url\": \"https://example.com\"}",
                "TYPO", "{ type: postgress, host: h }",
                "BROKEN_NOT_OURS", "{ not yaml",
                "database_url", "postgres://app@db/app",
                Environment.HOME_DIR_VARIABLE, dir.resolve("home/.toggl-sync").toString()));

        assertThat(c.entries()).extracting(ConnectionEntry::name).containsExactly("DATABASE_URL", "TYPO");
        assertThat(c.entry("TYPO").orElseThrow().valid()).isFalse();
        assertThat(c.get("DATABASE_URL", "t")).isInstanceOf(PostgresConnection.class);
    }

    @Test
    void togglApiTokenAloneDefinesTogglTrack() {
        Connections c = load(Map.of("TOGGL_API_TOKEN", " xxx "));

        assertThat(c.source("TOGGL_TRACK", "t")).isEqualTo(toggl("xxx"));
        assertThat(c.entry("TOGGL_TRACK").orElseThrow().origin()).isEqualTo("env var TOGGL_API_TOKEN");
    }

    @Test
    void togglApiTokenReplacesTheTokenOfAnEnvYamlTogglTrackAndKeepsItsInputs() {
        envYaml("connections:\n  TOGGL_TRACK: { type: api, spec: toggl-track, secrets: { api_token: old }, inputs: { rate: 3 } }\n");

        Connections c = load(Map.of("TOGGL_API_TOKEN", "new"));

        TogglConnection t = c.source("TOGGL_TRACK", "t");
        assertThat(t.apiToken()).isEqualTo(Secret.of("new"));
        assertThat(t.rate()).isEqualTo(3.0);
        assertThat(c.entry("TOGGL_TRACK").orElseThrow().origin()).isEqualTo("env.yaml + TOGGL_API_TOKEN");
    }

    @Test
    void laterSourcesWinEnvYamlThenDotEnvSlingThenEnvironmentThenToken() {
        envYaml("""
                connections:
                  A: duckdb://from_env_yaml.duckdb
                  B: duckdb://from_env_yaml.duckdb
                  C: duckdb://from_env_yaml.duckdb
                  TOGGL_TRACK: { type: api, spec: toggl-track, secrets: { api_token: yaml } }
                """);
        dotEnv("B=duckdb://from_dotenv.duckdb\nC=duckdb://from_dotenv.duckdb\n");

        Connections c = load(Map.of("c", "duckdb://from_env.duckdb", "TOGGL_API_TOKEN", "token"));

        Path work = dir.resolve("work");
        assertThat(c.get("A", "t")).isEqualTo(new DuckDbConnection("A", work.resolve("from_env_yaml.duckdb")));
        assertThat(c.get("B", "t")).isEqualTo(new DuckDbConnection("B", work.resolve("from_dotenv.duckdb")));
        assertThat(c.get("C", "t")).isEqualTo(new DuckDbConnection("C", work.resolve("from_env.duckdb")));
        assertThat(c.source("TOGGL_TRACK", "t").apiToken()).isEqualTo(Secret.of("token"));
        assertThat(c.entries()).extracting(ConnectionEntry::origin)
                .containsExactly("env.yaml", ".env.sling", "env var", "env.yaml + TOGGL_API_TOKEN");
    }

    @Test
    void theHomeDirVariableMovesEnvYaml() {
        Path elsewhere = dir.resolve("elsewhere");
        write(elsewhere.resolve("env.yaml"), "connections:\n  X: duckdb:///x.duckdb\n");

        Environment env = env(dir, Map.of(Environment.HOME_DIR_VARIABLE, elsewhere.toString()));

        assertThat(env.envYaml()).isEqualTo(elsewhere.resolve("env.yaml"));
        assertThat(env.envYamlLabel()).isEqualTo(elsewhere.resolve("env.yaml").toString());
        assertThat(Connections.load(env).entry("x")).isPresent();
        assertThat(env(dir, Map.of()).envYamlLabel()).isEqualTo("~/.toggl-sync/env.yaml");
    }

    @Test
    void anInvalidConnectionFailsOnlyWhenUsed() {
        Connections c = load(Map.of("BAD_PG", "postgresql://u@h:99999/d", "GOOD", "duckdb://g.duckdb"));

        assertThat(c.target("good", "--target")).isInstanceOf(DuckDbConnection.class);
        ConnectionEntry bad = c.entry("BAD_PG").orElseThrow();
        assertThat(bad.valid()).isFalse();
        assertThat(bad.type()).isEqualTo("postgres");
        String message = "environment variable BAD_PG: 'postgresql://u@h:99999/d': port '99999' is not a port number "
                + "from 1 to 65535 (example: 5432)";
        assertThat(bad.description()).isEqualTo("INVALID: " + message);
        assertInvalid(() -> c.target("BAD_PG", "--target"), message);
    }

    @Test
    void targetResolutionTakesANameAUrlOrNothing() {
        Connections c = load(Map.of("MY_PG", "postgresql://u:pw@h/d"));

        assertThat(c.target(null, "t")).isEqualTo(new DuckDbConnection("duckdb://toggl.duckdb", dir.resolve("work/toggl.duckdb")));
        assertThat(c.target("", "t")).isEqualTo(c.target(Replication.DEFAULT_TARGET, "t"));
        assertThat(c.target("my_pg", "t")).isEqualTo(new PostgresConnection("MY_PG", "h", 5432, "u", Secret.of("pw"), "d", null));
        assertThat(c.target("postgresql://u:pw@h:5/d", "t"))
                .isEqualTo(new PostgresConnection("postgresql://u:****@h:5/d", "h", 5, "u", Secret.of("pw"), "d", null));
    }

    @Test
    void describeNeverShowsSecretsButShowsNonDefaultInputs() {
        Connections c = load(Map.of(
                "TOGGL_TRACK", "{ type: api, spec: toggl-track, secrets: { api_token: tok }, inputs: { rate: 2, "
                        + "anchor_date: 2026-01-01, workspace_ids: [5], max_quota_wait: 60 } }",
                "PG", "postgresql://u:pw@h/d?sslmode=disable"));

        assertThat(c.entry("TOGGL_TRACK").orElseThrow().description()).isEqualTo(
                "toggl-track, token ****, https://api.track.toggl.com, rate 2/s, max_quota_wait 60s, "
                        + "anchor_date 2026-01-01, workspace_ids 5");
        assertThat(c.entry("PG").orElseThrow().description()).isEqualTo("postgresql://u:****@h:5432/d?sslmode=disable");
    }
}
