package dev.togglsync.config;

import static dev.togglsync.config.Fixtures.CLOCK;
import static dev.togglsync.config.Fixtures.assertInvalid;
import static dev.togglsync.config.Fixtures.env;
import static dev.togglsync.config.Fixtures.write;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs: each gives exactly this one-line message (where, what, how to fix) and exit code 2. */
class ConfigErrorsTest {
    private static final String STREAMS = "me, workspaces, projects, clients, tags, tasks, workspace_users, time_entries, organizations, organization_users, groups, project_users, report_time_entries";
    private static final String TOGGL = "{ type: api, spec: toggl-track, secrets: { api_token: tok_123 }, inputs: { %s } }";

    @TempDir
    Path dir;

    private static void replication(String yaml, String message) {
        assertInvalid(() -> Replication.parse("replication.yaml", yaml, CLOCK), message);
    }

    /** TOGGL_TRACK defined in env.yaml with these inputs, then used as the source. */
    private void inputs(String inputs, String message) {
        write(dir.resolve("home/.toggl-sync/env.yaml"), "connections:\n  TOGGL_TRACK: " + String.format(TOGGL, inputs) + "\n");
        assertInvalid(() -> Connections.load(env(dir, Map.of())).source("TOGGL_TRACK", "replication.yaml: source"), message);
    }

    private void variable(String name, String value, String message) {
        assertInvalid(() -> Connections.load(env(dir, Map.of(name, value))).get(name, "test"), message);
    }

    // --- replication YAML ---

    @Test
    void yamlSyntaxErrorNamesLineAndColumn() {
        replication("streams:\n  time_entries:\n    mode: incremental\n   primary_key: [id]\n",
                "replication.yaml: line 4, column 4: invalid YAML: expected <block end>, but found '<block mapping start>' "
                        + "(while parsing a block mapping started at line 2, column 3); fix the syntax (indent with spaces, "
                        + "quote values that contain ': ' or start with '{')");
    }

    @Test
    void duplicateKey() {
        replication("streams:\n  me:\n  me:\n",
                "replication.yaml: line 3, column 5: invalid YAML: duplicate key 'me'; keep only one");
    }

    @Test
    void unknownStream() {
        replication("streams:\n  time_entrys:\n",
                "replication.yaml: streams.time_entrys: unknown stream (did you mean time_entries?); available: " + STREAMS);
    }

    @Test
    void globMatchingNoStream() {
        replication("streams:\n  'user*':\n", "replication.yaml: streams.user*: matches no stream; available: " + STREAMS);
    }

    @Test
    void misspelledMode() {
        replication("streams:\n  time_entries:\n    mode: incremantal\n",
                "replication.yaml: streams.time_entries.mode: 'incremantal' is not a mode (did you mean incremental?); "
                        + "use one of: full-refresh, truncate, incremental, snapshot");
    }

    @Test
    void unknownStreamKeyWithHint() {
        replication("streams:\n  time_entries:\n    primary_keys: [id]\n",
                "replication.yaml: streams.time_entries.primary_keys: unknown key (did you mean primary_key?); allowed keys: "
                        + "mode, object, primary_key, update_key, select, disabled, source_options, target_options");
    }

    @Test
    void unknownTopLevelKeyWithHint() {
        replication("source: TOGGL_TRACK\ntraget: MY_POSTGRES\nstreams:\n  '*':\n",
                "replication.yaml: traget: unknown key (did you mean target?); allowed keys: source, target, defaults, streams, env");
    }

    @Test
    void missingStreams() {
        replication("source: TOGGL_TRACK\ntarget: MY_POSTGRES\n",
                "replication.yaml: streams: required; list the streams to replicate, or '*' for all (available: " + STREAMS + ")");
    }

    @Test
    void unquotedTemplateObjectIsAYamlMap() {
        replication("defaults:\n  object: {stream_name}\nstreams:\n  me:\n",
                "replication.yaml: defaults.object: is a YAML map; quote a template that starts with '{' "
                        + "(example: object: '{stream_name}')");
    }

    @Test
    void unknownPlaceholder() {
        replication("streams:\n  me:\n    object: toggl.{stream}\n",
                "replication.yaml: streams.me.object: unknown placeholder {stream} (did you mean {stream_name}?); "
                        + "use {stream_name}, {source_name} or {run_timestamp}");
    }

    @Test
    void twoStreamsWritingOneTable() {
        replication("defaults:\n  object: toggl.data\nstreams:\n  clients:\n  tags:\n",
                "replication.yaml: streams: clients and tags both write to toggl.data; give each stream its own object "
                        + "(use {stream_name})");
    }

    @Test
    void primaryKeyThatIsNotAColumn() {
        replication("streams:\n  time_entries:\n    primary_key: [uuid]\n",
                "replication.yaml: streams.time_entries.primary_key[0]: 'uuid' is not a column of time_entries "
                        + "(did you mean uid?)");
    }

    @Test
    void updateKeyTheApiCannotFilterBy() {
        replication("streams:\n  time_entries:\n    mode: incremental\n    update_key: start\n",
                "replication.yaml: streams.time_entries.update_key: 'start' cannot be the cursor of time_entries: the Toggl "
                        + "API filters it by at only; use update_key: at");
    }

    @Test
    void selectThatDropsTheIncrementalKey() {
        replication("streams:\n  time_entries:\n    mode: incremental\n    select: [-at]\n",
                "replication.yaml: streams.time_entries.select: time_entries: incremental mode needs column at (primary or "
                        + "update key), but select leaves it out; keep at in select");
    }

    @Test
    void emptyFileAndMissingFile() {
        replication("# nothing here\n", "replication.yaml: is empty; it needs at least streams (example: source: TOGGL_TRACK, "
                + "target: MY_POSTGRES, streams: { '*': })");
        Path missing = dir.resolve("nope.yaml");
        assertInvalid(() -> Replication.load(missing, CLOCK),
                missing + ": file not found (" + missing.toAbsolutePath() + "); check the path");
    }

    @Test
    void modeFlagWithAnUnderscore() {
        assertInvalid(() -> Replication.parseMode("full_refresh", "--mode"),
                "--mode: 'full_refresh' is not a mode (did you mean full-refresh?); use one of: full-refresh, truncate, "
                        + "incremental, snapshot");
    }

    // --- the Toggl connection ---

    @Test
    void missingApiToken() {
        variable("TOGGL_TRACK", "{ type: api, spec: toggl-track }",
                "environment variable TOGGL_TRACK: secrets.api_token: required; add secrets: { api_token: <your API token> } "
                        + "(find it at the bottom of https://track.toggl.com/profile)");
    }

    @Test
    void apiTokenWrittenAsANumberIsNotEchoed() {
        variable("TOGGL_TRACK", "{ type: api, spec: toggl-track, secrets: { api_token: 1234567890 } }",
                "environment variable TOGGL_TRACK: secrets.api_token: must be a string, not a number; quote it: api_token: \"...\"");
    }

    @Test
    void unknownSpecListsTheKnownOnes() {
        variable("TOGGL_TRACK", "{ type: api, spec: toggl, secrets: { api_token: tok_123 } }",
                "environment variable TOGGL_TRACK: spec: unknown spec 'toggl' (did you mean toggl-track?); known specs: toggl-track");
    }

    @Test
    void badAnchorDate() {
        inputs("anchor_date: '2026-13-01'", "~/.toggl-sync/env.yaml: connections.TOGGL_TRACK.inputs.anchor_date: '2026-13-01' "
                + "is not an ISO-8601 date or date-time (example: 2026-01-31 or 2026-01-31T08:00:00Z)");
    }

    @Test
    void futureAnchorDate() {
        inputs("anchor_date: 2026-03-16", "~/.toggl-sync/env.yaml: connections.TOGGL_TRACK.inputs.anchor_date: '2026-03-16' "
                + "is in the future (now: 2026-03-15T12:00:00Z); use a past date (example: 2026-02-13)");
    }

    @Test
    void negativeRate() {
        inputs("rate: -1", "~/.toggl-sync/env.yaml: connections.TOGGL_TRACK.inputs.rate: '-1' must be a number of requests "
                + "per second greater than 0 (example: 1 or 0.5)");
    }

    @Test
    void negativeMaxQuotaWait() {
        inputs("max_quota_wait: -5", "~/.toggl-sync/env.yaml: connections.TOGGL_TRACK.inputs.max_quota_wait: '-5' must be "
                + "a whole number of seconds, 0 or more (example: 3600)");
    }

    @Test
    void baseUrlWithAPath() {
        inputs("base_url: 'https://api.track.toggl.com/api/v9'", "~/.toggl-sync/env.yaml: connections.TOGGL_TRACK.inputs.base_url: "
                + "'https://api.track.toggl.com/api/v9' is not an http(s) scheme://host[:port] (example: "
                + "https://api.track.toggl.com; toggl-sync appends /api/v9/...)");
    }

    @Test
    void workspaceIdThatIsNotPositive() {
        inputs("workspace_ids: [12, 0]", "~/.toggl-sync/env.yaml: connections.TOGGL_TRACK.inputs.workspace_ids[1]: '0' is "
                + "not a workspace id (a positive whole number; example: workspace_ids: [1234567, 7654321])");
    }

    @Test
    void unknownInputWithHint() {
        inputs("anchor: 2026-01-01", "~/.toggl-sync/env.yaml: connections.TOGGL_TRACK.inputs.anchor: unknown key (did you "
                + "mean anchor_date?); allowed keys: anchor_date, base_url, rate, max_quota_wait, workspace_ids, allow_insecure_http, history_start, history_rescan_days");
    }

    @Test
    void unknownConnectionKeyWithHint() {
        variable("TOGGL_TRACK", "{ type: api, spec: toggl-track, secret: { api_token: tok_123 } }",
                "environment variable TOGGL_TRACK: secret: unknown key (did you mean secrets?); allowed keys: type, spec, "
                        + "secrets, inputs");
    }

    @Test
    void brokenYamlInAVariable() {
        variable("TOGGL_TRACK", "{ type: api, spec: toggl-track, secrets: { api_token: tok_123 }",
                "environment variable TOGGL_TRACK: line 1, column 64: invalid YAML: expected ',' or '}', but got <stream end> "
                        + "(while parsing a flow mapping started at line 1, column 1); fix the syntax (indent with spaces, "
                        + "quote values that contain ': ' or start with '{')");
    }

    @Test
    void emptyTogglApiToken() {
        assertInvalid(() -> Connections.load(env(dir, Map.of("TOGGL_API_TOKEN", ""))).source("TOGGL_TRACK", "t"),
                "environment variable TOGGL_API_TOKEN: is empty; set it to your API token (find it at the bottom of "
                        + "https://track.toggl.com/profile) or unset it");
    }

    // --- databases ---

    @Test
    void malformedPortInAUrlMasksThePassword() {
        variable("MY_PG", "postgresql://toggl:pw_123@db:54x2/analytics",
                "environment variable MY_PG: 'postgresql://toggl:****@db:54x2/analytics': port '54x2' is not a port number "
                        + "from 1 to 65535 (example: 5432)");
    }

    @Test
    void urlWithoutDatabase() {
        variable("MY_PG", "postgresql://toggl@db:5432",
                "environment variable MY_PG: 'postgresql://toggl@db:5432' must name one database after the host; use "
                        + "postgresql://user:password@host:5432/database?sslmode=disable");
    }

    @Test
    void unknownSslMode() {
        variable("MY_PG", "{ type: postgres, host: db, user: u, database: d, sslmode: verify }",
                "environment variable MY_PG: sslmode: 'verify' is not an sslmode (did you mean verify-ca?); use one of: "
                        + "disable, allow, prefer, require, verify-ca, verify-full");
    }

    @Test
    void unknownType() {
        variable("MY_PG", "{ type: postgresql, url: 'postgresql://u@h/d' }",
                "environment variable MY_PG: type: 'postgresql' is not supported (did you mean postgres?); use one of: "
                        + "api, postgres, duckdb, sqlite, file");
    }

    @Test
    void postgresMapWithoutUser() {
        variable("MY_PG", "{ type: postgres, host: db, database: d }",
                "environment variable MY_PG: user: required; add user: toggl (or a url: "
                        + "postgresql://user:password@host:5432/database?sslmode=disable)");
    }

    // --- files and names ---

    @Test
    void envYamlSyntaxError() {
        write(dir.resolve("home/.toggl-sync/env.yaml"), "connections:\n  TOGGL_TRACK:\n\ttype: api\n");
        assertInvalid(() -> Connections.load(env(dir, Map.of())),
                "~/.toggl-sync/env.yaml: line 3, column 1: invalid YAML: found character '\\t(TAB)' that cannot start any "
                        + "token. (Do not use \\t(TAB) for indentation); fix the syntax (indent with spaces, quote values that contain ': ' or start with '{')");
    }

    @Test
    void envYamlUnknownTopLevelKey() {
        write(dir.resolve("home/.toggl-sync/env.yaml"), "connection:\n  X: duckdb://x.duckdb\n");
        assertInvalid(() -> Connections.load(env(dir, Map.of())),
                "~/.toggl-sync/env.yaml: connection: unknown key (did you mean connections?); allowed keys: connections");
    }

    @Test
    void dotEnvSlingLineWithoutEquals() {
        write(dir.resolve("work/.env.sling"), "# ok\nTOGGL_TRACK: { type: api }\n");
        assertInvalid(() -> Connections.load(env(dir, Map.of())),
                ".env.sling: line 2: expected NAME=value (example: TOGGL_TRACK='{ type: api, spec: toggl-track, secrets: "
                        + "{ api_token: xxx } }')");
    }

    @Test
    void unknownSourceConnectionSaysHowToDefineIt() {
        assertInvalid(() -> Connections.load(env(dir, Map.of("MY_PG", "postgresql://u@h/d"))).source("toggl_track", "replication.yaml: source"),
                "replication.yaml: source: no connection named TOGGL_TRACK (defined: MY_PG); set TOGGL_API_TOKEN, or run: "
                        + "toggl-sync conns set TOGGL_TRACK type=api spec=toggl-track secrets='{ api_token: <your token> }'");
    }

    @Test
    void unknownTargetConnectionWithHint() {
        assertInvalid(() -> Connections.load(env(dir, Map.of("MY_POSTGRES", "postgresql://u@h/d"))).target("MY_POSTGRESS", "--target"),
                "--target: no connection named MY_POSTGRESS (did you mean MY_POSTGRES?) (defined: MY_POSTGRES); define it "
                        + "with: toggl-sync conns set NAME url=postgresql://user:password@host:5432/database?sslmode=disable "
                        + "(or use a URL directly)");
    }

    @Test
    void theSourceAsTargetAndATargetAsSource() {
        Connections c = Connections.load(env(dir, Map.of("TOGGL_API_TOKEN", "tok_123", "MY_PG", "postgresql://u@h/d")));
        assertInvalid(() -> c.target("TOGGL_TRACK", "replication.yaml: target"),
                "replication.yaml: target: TOGGL_TRACK is the Toggl source, not a database; name a postgres, duckdb, sqlite "
                        + "or file connection or URL (example: duckdb://toggl.duckdb)");
        assertInvalid(() -> c.source("MY_PG", "replication.yaml: source"),
                "replication.yaml: source: MY_PG is a postgres connection, not the Toggl source; name a connection of type "
                        + "api (example: TOGGL_TRACK)");
    }

    @Test
    void connsSetWithABadNameOrABareValue() {
        Environment env = env(dir, Map.of());
        assertInvalid(() -> ConnectionStore.set(env, "my-pg", List.of("url=postgresql://u@h/d")),
                "conns set: 'my-pg' is not a connection name; use letters, digits and _ (example: MY_POSTGRES)");
        assertInvalid(() -> ConnectionStore.set(env, "TOGGL_TRACK", List.of("type=api", "tok_123")),
                "conns set TOGGL_TRACK: argument 2 is not key=value (example: type=api, secrets.api_token=-, "
                        + "url=postgresql://...)");
        assertInvalid(() -> ConnectionStore.set(env, "TOGGL_TRACK", List.of("type=api", "spec=toggl-track")),
                "conns set TOGGL_TRACK: secrets.api_token: required; add secrets: { api_token: <your API token> } (find it "
                        + "at the bottom of https://track.toggl.com/profile)");
    }

    @Test
    void connsUnsetOfAConnectionDefinedElsewhere() {
        Environment env = env(dir, Map.of("MY_PG", "postgresql://u@h/d"));
        assertInvalid(() -> ConnectionStore.unset(env, "my_pg"),
                "conns unset: MY_PG is defined by environment variable MY_PG, not ~/.toggl-sync/env.yaml; remove it there");
        assertInvalid(() -> ConnectionStore.unset(env, "NOPE"),
                "conns unset: no connection named NOPE in ~/.toggl-sync/env.yaml (defined there: none)");
    }
}
