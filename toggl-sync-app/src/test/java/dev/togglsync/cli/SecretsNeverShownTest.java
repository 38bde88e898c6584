package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.ConnectionEntry;
import dev.togglsync.config.Connections;
import dev.togglsync.config.Environment;
import dev.togglsync.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds tokens and passwords through every kind of bad and good configuration and proves that none
 * reaches a message, {@code conns list}'s output or a log line (at every level).
 */
class SecretsNeverShownTest {
    private static final String TOKEN = "tok4SECRET9a1b2c3";
    private static final String PASSWORD = "pw7SECRET8x9y";
    /** Any of these in captured text is a leak (the secrets' distinctive middles included). */
    private static final List<String> SECRET_PARTS = List.of(TOKEN, PASSWORD, "SECRET", "a1b2c3", "8x9y");

    @TempDir
    Path dir;

    private final Logger root = Logger.getLogger("dev.togglsync");
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            logged.add(format.format(r));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void restoreLogs() {
        root.removeHandler(capture);
        root.setLevel(previousLevel);
    }

    private Environment env(Map<String, String> variables) throws IOException {
        Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("work"));
        return new Environment(variables, dir.resolve("home"), dir.resolve("work"),
                Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC));
    }

    /** Bad (and a few good) definitions, each with a secret placed where a careless message would echo it. */
    private static Map<String, String> secretLadenVariables() {
        Map<String, String> v = new HashMap<>();
        String api = "{ type: api, spec: toggl-track, secrets: { api_token: " + TOKEN + " }";
        v.put("T_GOOD", api + " }");
        v.put("T_BAD_INPUT", api + ", inputs: { anchor_date: 2026-99-01, rate: -1 } }");
        v.put("T_BROKEN_YAML", api);
        v.put("T_BROKEN_AT_TOKEN", "{ type: api, secrets: { api_token: " + TOKEN + ": x: y } }");
        v.put("T_TOKEN_LIST", "{ type: api, spec: toggl-track, secrets: { api_token: [" + TOKEN + "] } }");
        v.put("T_TOKEN_AS_KEY", "{ type: api, spec: toggl-track, secrets: { " + TOKEN + ": x } }");
        v.put("T_BAD_SPEC", "{ type: api, spec: other, secrets: { api_token: " + TOKEN + " } }");
        v.put("T_BASE_URL_USERINFO", api + ", inputs: { base_url: 'https://u:" + PASSWORD + "@h/x' } }");
        v.put("PG_BAD_PORT", "postgresql://u:" + PASSWORD + "@h:99x/d");
        v.put("PG_BAD_SSL", "postgresql://u:" + PASSWORD + "@h/d?sslmode=" + "nope");
        v.put("PG_BAD_ESCAPE", "postgresql://u:" + PASSWORD + "%zz@h/d");
        v.put("PG_AT_IN_PASSWORD", "postgresql://u:" + PASSWORD + "@x@h/");
        v.put("PG_NO_DB", "postgres://u:" + PASSWORD + "@h:5432");
        v.put("PG_MAP_UNKNOWN", "{ type: postgres, host: h, user: u, database: d, password: " + PASSWORD + ", pasword: "
                + PASSWORD + " }");
        v.put("PG_MAP_PASSWORD_LIST", "{ type: postgres, host: h, user: u, database: d, password: [" + PASSWORD + "] }");
        v.put("PG_GOOD", "postgresql://u:" + PASSWORD + "@h/d");
        v.put("NOT_OURS_BROKEN", "{ type " + TOKEN);
        v.put(Environment.API_TOKEN_VARIABLE, TOKEN);
        return v;
    }

    @Test
    void noSecretInMessagesListOutputOrLogs() throws IOException {
        List<String> seen = new ArrayList<>();
        Environment env = env(secretLadenVariables());

        // Every connection's message or description.
        Connections connections = Connections.load(env);
        for (ConnectionEntry e : connections.entries()) {
            seen.add(e.description());
            seen.add(e.toString());
            seen.add(e.definedBy());
            try {
                seen.add(e.require().toString());
            } catch (TogglSyncException invalid) {
                seen.add(invalid.getMessage());
            }
        }
        assertThat(connections.entries()).hasSizeGreaterThan(15);
        seen.add(connections.target("postgresql://u:" + PASSWORD + "@h/d", "--target").toString());
        seen.add(message(() -> connections.target("postgresql://u:" + PASSWORD + "@h:0/d", "--target")));
        seen.add(env.toString());

        // conns list, and failed conns set/unset, through the real command line.
        CliRun list = cli(env, "conns", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("token ****", "postgresql://u:****@h:5432/d");
        seen.add(list.out() + list.err());
        for (String[] args : List.of(
                new String[] {"conns", "set", "X", "type=api", TOKEN},
                new String[] {"conns", "set", "X", "type=api", "spec=toggl-track", "secrets={ api_token: " + TOKEN},
                new String[] {"conns", "set", "X", "type=api", "spec=nope", "secrets={ api_token: " + TOKEN + " }"},
                new String[] {"conns", "set", "X", "type=api", "spec=toggl-track", "secrets={ api_token: " + TOKEN + " }",
                    "inputs={ rate: 0 }"},
                new String[] {"conns", "set", "X", "url=postgresql://u:" + PASSWORD + "@h:70000/d"},
                new String[] {"conns", "set", "X", "type=postgres", "host=h", "user=u", "password=" + PASSWORD})) {
            CliRun run = cli(env, args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            seen.add(run.out() + run.err());
        }

        // .env.sling lines that cannot be read.
        for (String line : List.of("TOGGL_API_TOKEN " + TOKEN, "X='" + TOKEN, "X=\"" + TOKEN + "\" " + TOKEN)) {
            Files.writeString(dir.resolve("work/.env.sling"), line + "\n");
            seen.add(message(() -> Connections.load(env)));
            seen.add(cli(env, "conns", "list").err());
        }

        assertThat(logged).as("log lines were captured").isNotEmpty();
        List<String> all = new ArrayList<>(seen);
        all.addAll(logged);
        for (String text : all) {
            for (String part : SECRET_PARTS) {
                assertThat(text).as("leaks a secret").doesNotContain(part);
            }
        }
    }

    /**
     * Through the real command line with {@code -d} after the command's name, so that its debug
     * lines are written (to its stderr, scanned too) as well as captured here. The command installs
     * its log level; the level of this test is restored after it for the calls that follow.
     */
    private CliRun cli(Environment env, String... args) {
        List<String> withDebug = new ArrayList<>(List.of(args));
        withDebug.add(2, "-d");
        CliRun run = CliRun.of(env, withDebug.toArray(String[]::new));
        root.setLevel(Level.ALL);
        return run;
    }

    private static String message(Runnable r) {
        try {
            r.run();
        } catch (TogglSyncException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a configuration error");
    }
}
