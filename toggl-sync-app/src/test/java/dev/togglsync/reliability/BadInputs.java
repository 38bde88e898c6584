package dev.togglsync.reliability;

import dev.togglsync.config.Connection;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.simulator.Dataset;
import dev.togglsync.simulator.Fault;
import dev.togglsync.simulator.FaultRule;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.testing.TestTargets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of bad inputs {@link BadInputCatalogIT} runs: each with its set-up (files and
 * environment variables of a fresh working directory and home), its command line, the exit code it
 * must end with and the words its message must hold; and the bad API responses, each a fault rule
 * on one path and the stream it breaks.
 */
final class BadInputs {
    static final String GOOD_REPLICATION = Sync.REPLICATION_YAML;
    static final String PASSWORD_IN_URL = "s3cr3t-Pa55-in-url";
    /** The token the simulator refuses: a secret like any other, registered with the secret scan. */
    static final String REFUSED_TOKEN = "0123456789abcdef0123456789abcdef";
    static final String TOKEN_AS_NUMBER = "987654321987654321";

    private final Simulator sim;
    private final Connection duck;
    private final PostgresConnection postgres;
    private final Connection sqlite;

    BadInputs(Simulator sim, Connection duck, PostgresConnection postgres, Connection sqlite) {
        this.sqlite = sqlite;
        this.sim = sim;
        this.duck = duck;
        this.postgres = postgres;
    }

    /** The target a case names, compared before and after: the PostgreSQL one for the cases about it. */
    Connection target(Case c) {
        return c.name().contains("PostgreSQL") ? postgres : c.name().contains("SQLite") ? sqlite : duck;
    }

    /** One bad input: how to set it up, what to run (default: {@code run -r replication.yaml -q}), how it must end. */
    record Case(String name, int exitCode, List<String> message, Setup setup, String... args) {}

    /** Writes files into the case's folders and returns its environment variables. */
    @FunctionalInterface
    interface Setup {
        Map<String, String> prepare(Path work, Path home) throws IOException;
    }

    /** A bad API response: the fault armed, the one stream run, how it must end. */
    record ApiCase(String name, String stream, FaultRule rule, List<String> message) {}

    // ------------------------------------------------------------------ the catalogue

    List<Case> cases() {
        String futureDate = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
        return List.of(
                // replication YAML
                new Case("replication YAML with a syntax error", 2, List.of("replication.yaml: line 4", "invalid YAML"),
                        replication("source: TOGGL_TRACK\nstreams:\n  '*': [\n")),
                new Case("replication YAML indented with a tab", 2, List.of("replication.yaml: line", "invalid YAML"),
                        replication("source: TOGGL_TRACK\nstreams:\n\t'*':\n")),
                new Case("replication YAML that is not UTF-8", 2, List.of("replication.yaml", "line 2", "not UTF-8",
                        "save it as UTF-8"), (work, home) -> {
                            byte[] text = GOOD_REPLICATION.replace("target: TARGET", "target: TARGET # caf\u00e9")
                                    .getBytes(StandardCharsets.ISO_8859_1);
                            Files.write(work.resolve("replication.yaml"), text);
                            return good(duck);
                        }),
                new Case("replication file that is a directory", 2, List.of("replication.yaml", "is a directory"),
                        (work, home) -> {
                            Files.createDirectories(work.resolve("replication.yaml"));
                            return good(duck);
                        }),
                new Case("replication file that does not exist", 2, List.of("missing.yaml", "file not found"),
                        (work, home) -> good(duck), "run", "-r", "missing.yaml"),
                // Refused at once, without expanding a billion strings.
                new Case("replication YAML alias bomb (billion laughs)", 2, List.of("replication.yaml", "a: unknown key"),
                        replication(aliasBomb())),
                new Case("unknown stream", 2, List.of("streams.time_entrys", "did you mean time_entries"),
                        replication(GOOD_REPLICATION.replace("  time_entries:", "  time_entrys:"))),
                new Case("misspelled mode", 2, List.of("incrementl", "did you mean incremental"),
                        replication(GOOD_REPLICATION.replace("mode: incremental", "mode: incrementl"))),
                new Case("object holding a NUL character", 2, List.of("streams.time_entries.object",
                        "control character"), replication(GOOD_REPLICATION.replace("mode: incremental",
                                "mode: incremental\n    object: \"toggl.time\\0entries\""))),
                new Case("object name longer than PostgreSQL's 63 bytes", 2, List.of("streams.time_entries.object",
                        "63 bytes"), (work, home) -> {
                            Files.writeString(work.resolve("replication.yaml"), GOOD_REPLICATION.replace(
                                    "mode: incremental", "mode: incremental\n    object: toggl.time_entries_" + "x".repeat(60)));
                            return good(postgres);
                        }),
                new Case("object with three dotted parts", 2, List.of("streams.time_entries.object",
                        "must give table or schema.table"), replication(GOOD_REPLICATION.replace("mode: incremental",
                                "mode: incremental\n    object: analytics.toggl.time_entries"))),
                new Case("object smuggling SQL after a dot", 2, List.of("streams.time_entries.object",
                        "must give table or schema.table"), replication(GOOD_REPLICATION.replace("mode: incremental",
                                "mode: incremental\n    object: 'toggl.x; DROP TABLE toggl.me; --'"))),
                new Case("object with an empty table name", 2, List.of("streams.time_entries.object", "schema.table"),
                        replication(GOOD_REPLICATION.replace("mode: incremental",
                                "mode: incremental\n    object: 'toggl.'"))),
                new Case("primary key that is not a column", 2, List.of("primary_key", "'idd'"),
                        replication(GOOD_REPLICATION.replace("mode: incremental",
                                "mode: incremental\n    primary_key: [idd]"))),
                new Case("update key the API cannot filter by", 2, List.of("update_key", "'start'"),
                        replication(GOOD_REPLICATION.replace("mode: incremental",
                                "mode: incremental\n    update_key: start"))),
                // environment variables and connections
                new Case("TOGGL_TRACK holding broken YAML", 2, List.of("TOGGL_TRACK", "invalid YAML"),
                        source("{ type: api, spec: toggl-track, secrets: { api_token: " + sim.token() + " }")),
                new Case("unknown spec", 2, List.of("spec", "unknown spec 'toggl'", "toggl-track"),
                        source("{ type: api, spec: toggl, secrets: { api_token: " + sim.token() + " } }")),
                new Case("empty API token", 2, List.of("secrets.api_token", "is empty"),
                        source("{ type: api, spec: toggl-track, secrets: { api_token: '  ' } }")),
                new Case("API token written as a number", 2, List.of("api_token", "must be a string"),
                        source("{ type: api, spec: toggl-track, secrets: { api_token: " + TOKEN_AS_NUMBER + " } }")),
                new Case("no Toggl connection at all", 2, List.of("TOGGL_TRACK"), (work, home) -> {
                    Files.writeString(work.resolve("replication.yaml"), GOOD_REPLICATION);
                    return Map.of("TARGET", TestTargets.url(duck));
                }),
                new Case("target variable that is not defined", 2, List.of("NOPE"),
                        replication(GOOD_REPLICATION.replace("target: TARGET", "target: NOPE"))),
                new Case("PostgreSQL URL with port 99999", 2, List.of("TARGET", "99999", "port"),
                        target("postgresql://toggl:" + PASSWORD_IN_URL + "@127.0.0.1:99999/toggl")),
                new Case("PostgreSQL URL without a database", 2, List.of("TARGET", "database"),
                        target("postgresql://toggl:" + PASSWORD_IN_URL + "@127.0.0.1:5432")),
                new Case("DuckDB URL naming no file", 2, List.of("TARGET", "names no file"), target("duckdb://")),
                // URLs
                new Case("base_url with an ftp scheme", 2, List.of("base_url", "http(s)"), inputs("base_url: 'ftp://127.0.0.1'")),
                new Case("base_url with a path", 2, List.of("base_url", "appends /api/v9"),
                        inputs("base_url: '" + sim.baseUrl() + "/api/v9'")),
                new Case("base_url with a password in it", 2, List.of("base_url"),
                        inputs("base_url: 'http://user:" + PASSWORD_IN_URL + "@127.0.0.1:1'")),
                // anchor dates
                new Case("anchor date that does not exist", 2, List.of("anchor_date", "2026-02-30", "ISO-8601"),
                        inputs("anchor_date: '2026-02-30'")),
                new Case("anchor date in the future", 2, List.of("anchor_date", "in the future"),
                        inputs("anchor_date: '" + futureDate + "'")),
                new Case("anchor date in words", 2, List.of("anchor_date", "'last monday'"),
                        inputs("anchor_date: 'last monday'")),
                // numbers where ids and counts belong
                new Case("negative workspace id", 2, List.of("workspace_ids[0]", "'-5'", "positive"),
                        inputs("workspace_ids: [-5]")),
                new Case("workspace id beyond 64 bits", 2, List.of("workspace_ids[0]", "positive whole number"),
                        inputs("workspace_ids: [99999999999999999999999]")),
                new Case("rate of zero", 2, List.of("rate", "greater than 0"), inputs("rate: 0")),
                new Case("infinite rate", 2, List.of("rate", "greater than 0"), inputs("rate: 1e400")),
                new Case("negative max_quota_wait", 2, List.of("max_quota_wait", "0 or more"),
                        inputs("max_quota_wait: -1")),
                // the other configuration files
                new Case("env.yaml that is not UTF-8", 2, List.of("env.yaml", "not UTF-8"), (work, home) -> {
                    Path envYaml = Files.createDirectories(home.resolve(".toggl-sync")).resolve("env.yaml");
                    Files.write(envYaml, "connections:\n  OTHER: { type: duckdb, instance: 'd\u00e9j\u00e0.duckdb' }\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    Files.writeString(work.resolve("replication.yaml"), GOOD_REPLICATION);
                    return good(duck);
                }),
                new Case("env.yaml with a syntax error", 2, List.of("env.yaml", "invalid YAML"), (work, home) -> {
                    Path envYaml = Files.createDirectories(home.resolve(".toggl-sync")).resolve("env.yaml");
                    Files.writeString(envYaml, "connections:\n  OTHER: { type: duckdb\n");
                    Files.writeString(work.resolve("replication.yaml"), GOOD_REPLICATION);
                    return good(duck);
                }),
                new Case(".env.sling that is not UTF-8", 2, List.of(".env.sling", "not UTF-8"), (work, home) -> {
                    Files.write(work.resolve(".env.sling"), "OTHER=duckdb://caf\u00e9.duckdb\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    Files.writeString(work.resolve("replication.yaml"), GOOD_REPLICATION);
                    return good(duck);
                }),
                // flags
                new Case("--mode that does not exist", 2, List.of("--mode", "bogus"), replication(GOOD_REPLICATION),
                        "run", "-r", "replication.yaml", "--mode", "bogus"),
                new Case("--streams glob matching nothing", 2, List.of("foo*"), replication(GOOD_REPLICATION),
                        "run", "-r", "replication.yaml", "--streams", "foo*"),
                new Case("misspelled option", 2, List.of("--stremas"), replication(GOOD_REPLICATION),
                        "run", "-r", "replication.yaml", "--stremas", "me"),
                // refused by the services
                new Case("a token Toggl refuses", 3, List.of("check secrets.api_token"),
                        source("{ type: api, spec: toggl-track, secrets: { api_token: " + REFUSED_TOKEN + " },"
                                + " inputs: { base_url: '" + sim.baseUrl() + "', rate: 1000 } }")),
                new Case("SQLite target that is a directory", 5, List.of("sqlite://", "cannot open the database file"),
                        target(work -> "sqlite://" + java.nio.file.Files.createDirectories(work.resolve("a-folder.db")))),
                new Case("SQLite URL naming no file", 2, List.of("'sqlite://' names no file", "sqlite:///abs/path"),
                        target(work -> "sqlite://")),
                new Case("SQLite map without an instance", 2, List.of("instance", "required"),
                        target(work -> "{ type: sqlite }")),
                new Case("SQLite map with a misspelled key", 2, List.of("instanse", "did you mean instance"),
                        target(work -> "{ type: sqlite, instanse: x.db }")),
                new Case("file target with mode truncate", 2, List.of("mode truncate", "use full-refresh"),
                        (work, home) -> {
                            Files.writeString(work.resolve("replication.yaml"), GOOD_REPLICATION.replace(
                                    "object: toggl.{stream_name}", "object: toggl.{stream_name}\n  mode: truncate")
                                    .replace("time_entries:\n    mode: incremental", "time_entries:"));
                            Map<String, String> env = new HashMap<>(good(duck));
                            env.put("TARGET", "file://" + work.resolve("folder") + "/");
                            return env;
                        }),
                new Case("file URL naming no folder", 2, List.of("'file://' names no folder"), target(work -> "file://")),
                new Case("file map without a url", 2, List.of("url", "required"), target(work -> "{ type: file }")),
                new Case("PostgreSQL password that is wrong", 5, List.of("password"), (work, home) -> {
                    Files.writeString(work.resolve("replication.yaml"), GOOD_REPLICATION);
                    Map<String, String> env = new HashMap<>(good(duck));
                    env.put("TARGET", "postgresql://toggl:" + PASSWORD_IN_URL + "@127.0.0.1:" + postgres.port() + "/"
                            + postgres.database() + "?sslmode=disable");
                    return env;
                }),
                new Case("PostgreSQL database that does not exist", 5, List.of("create the database first"),
                        (work, home) -> {
                            Files.writeString(work.resolve("replication.yaml"), GOOD_REPLICATION);
                            Map<String, String> env = new HashMap<>(good(duck));
                            env.put("TARGET", TestTargets.url(postgres).replace("/" + postgres.database() + "?",
                                    "/no_such_db?"));
                            return env;
                        }));
    }

    List<ApiCase> apiCases() {
        String entries = "/api/v9/me/time_entries";
        String one = "{\"id\":%s,\"workspace_id\":" + Dataset.PREMIUM_WORKSPACE_ID + ",\"description\":%s,"
                + "\"start\":\"2026-01-05T10:00:00+00:00\",\"stop\":\"2026-01-05T11:00:00+00:00\",\"duration\":3600,"
                + "\"at\":\"2026-01-05T11:00:00+00:00\"}";
        byte[] latin1 = ("[" + String.format(one, "1", "\"caf\u00e9\"") + "]").getBytes(StandardCharsets.ISO_8859_1);
        return List.of(
                new ApiCase("a body that is not JSON", "time_entries", FaultRule.on(entries,
                        Fault.response(200, Fault.JSON, "id,description\n1,coffee\n")).always(),
                        List.of("time_entries", "not the expected JSON", "gave up after 5 attempts")),
                new ApiCase("a body that is not UTF-8", "time_entries", FaultRule.on(entries,
                        Fault.response(200, Fault.JSON, latin1)).always(),
                        List.of("not the expected JSON", "UTF-8")),
                new ApiCase("an oversized value (a 21 MB description)", "time_entries", FaultRule.on(entries,
                        Fault.response(200, Fault.JSON, "[" + String.format(one, "1", "\"" + "x".repeat(21_000_000) + "\"")
                                + "]")).always(), List.of("not the expected JSON", "exceeds the maximum")),
                new ApiCase("a number of 2000 digits", "time_entries", FaultRule.on(entries,
                        Fault.response(200, Fault.JSON, "[" + String.format(one, "1" + "0".repeat(2000), "\"x\"") + "]"))
                        .always(), List.of("not the expected JSON", "exceeds the maximum")),
                new ApiCase("JSON nested 5000 levels deep", "time_entries", FaultRule.on(entries,
                        Fault.response(200, Fault.JSON, "[{\"id\":1,\"tags\":" + "[".repeat(5000) + "]".repeat(5000) + "}]"))
                        .always(), List.of("not the expected JSON", "nesting depth")),
                new ApiCase("an id beyond 64 bits", "time_entries", FaultRule.on(entries,
                        Fault.response(200, Fault.JSON, "[" + String.format(one, "18446744073709551616", "\"x\"") + "]"))
                        .always(), List.of("field \"id\"", "64-bit integer", "18446744073709551616")),
                new ApiCase("an id that is a string", "time_entries", FaultRule.on(entries,
                        Fault.response(200, Fault.JSON, "[" + String.format(one, "\"abc\"", "\"x\"") + "]")).always(),
                        List.of("field \"id\"", "64-bit integer")),
                new ApiCase("an id that is a fraction", "time_entries", FaultRule.on(entries,
                        Fault.response(200, Fault.JSON, "[" + String.format(one, "1.5", "\"x\"") + "]")).always(),
                        List.of("field \"id\"", "64-bit integer")),
                new ApiCase("an empty body", "time_entries", FaultRule.on(entries,
                        Fault.response(200, Fault.JSON, "")).always(), List.of("not the expected JSON")),
                new ApiCase("an object where a list belongs", "time_entries", FaultRule.on(entries,
                        Fault.response(200, Fault.JSON, "{\"data\":[]}")).always(),
                        List.of("not the expected JSON", "JSON array")),
                new ApiCase("an oversized error page (30 MB of HTML, 503)", "time_entries", FaultRule.on(entries,
                        Fault.response(503, Fault.HTML, "<html><body>" + "<p>busy</p>".repeat(3_000_000) + "</body></html>"))
                        .always(), List.of("HTTP 503", "gave up after 5 attempts")),
                new ApiCase("a negative workspace id", "projects", FaultRule.on("/api/v9/me/workspaces",
                        Fault.response(200, Fault.JSON, "[{\"id\":-5,\"organization_id\":" + Dataset.PREMIUM_ORGANIZATION_ID
                                + ",\"name\":\"minus\"}]")).always(), List.of("/api/v9/workspaces/-5/projects", "HTTP 404")),
                new ApiCase("a workspace without an id", "projects", FaultRule.on("/api/v9/me/workspaces",
                        Fault.response(200, Fault.JSON, "[{\"id\":null,\"name\":\"ghost\"}]")).always(),
                        List.of("workspace without an id")));
    }


    /** Nine levels of aliases, each ten of the one before: a billion "lol"s if expanded. */
    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(p);
            }
            yaml.append("]\n");
        }
        return yaml + GOOD_REPLICATION;
    }

    // ------------------------------------------------------------------ set-ups

    /** The Toggl connection of the simulator and the target, as variables. */
    Map<String, String> good(Connection target) {
        return Map.of("TOGGL_TRACK", "{ type: api, spec: toggl-track, secrets: { api_token: " + sim.token()
                + " }, inputs: { base_url: '" + sim.baseUrl() + "', rate: 1000 } }", "TARGET", TestTargets.url(target));
    }

    @FunctionalInterface
    interface TargetValue {
        String of(Path work) throws IOException;
    }

    /** The good replication and source, with TARGET set to {@code value}. */
    private Setup target(TargetValue value) {
        return (work, home) -> {
            Files.writeString(work.resolve("replication.yaml"), GOOD_REPLICATION);
            Map<String, String> env = new HashMap<>(good(duck));
            env.put("TARGET", value.of(work));
            return env;
        };
    }

    private Setup replication(String yaml) {
        return (work, home) -> {
            Files.writeString(work.resolve("replication.yaml"), yaml);
            return good(duck);
        };
    }

    private Setup source(String definition) {
        return (work, home) -> {
            Files.writeString(work.resolve("replication.yaml"), GOOD_REPLICATION);
            Map<String, String> env = new HashMap<>(good(duck));
            env.put("TOGGL_TRACK", definition);
            return env;
        };
    }

    private Setup inputs(String inputs) {
        String base = inputs.contains("base_url") ? "" : "base_url: '" + sim.baseUrl() + "', ";
        return source("{ type: api, spec: toggl-track, secrets: { api_token: " + sim.token() + " }, inputs: { " + base
                + inputs + " } }");
    }

    private Setup target(String url) {
        return (work, home) -> {
            Files.writeString(work.resolve("replication.yaml"), GOOD_REPLICATION);
            Map<String, String> env = new HashMap<>(good(duck));
            env.put("TARGET", url);
            return env;
        };
    }
}
