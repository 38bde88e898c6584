package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Environment;
import dev.togglsync.config.Masking;
import dev.togglsync.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, finding 2: every command that takes a connection name or URL, given a URL with a
 * password (well-formed, malformed, or hostile), echoes it only masked. Each command runs through
 * the real command line with {@code -d}; its stdout and stderr are scanned for the password in
 * any letter case.
 */
class UrlArgumentsMaskedTest {
    private static final String PASSWORD = "LeakPw1x";

    /** Well-formed and broken URLs, each with the password where a careless echo would show it. */
    static final List<String> URLS = List.of(
            "postgresql://u:" + PASSWORD + "@127.0.0.1:1/db?foo=1",
            "postgresql://u:" + PASSWORD + "@127.0.0.1:1/db?sslmode=disable",
            "postgresql://u:" + PASSWORD + "@127.0.0.1:99999/db",
            "postgresql://u:" + PASSWORD + "@127.0.0.1:1/db?sslmode=nope",
            "postgresql://u:" + PASSWORD + "@127.0.0.1:1/db?password=" + PASSWORD,
            "postgresql://u:" + PASSWORD + "@127.0.0.1:1/",
            "postgresql:/u:" + PASSWORD + "@127.0.0.1:1/db",
            "POSTGRESQL://u:" + PASSWORD + "@127.0.0.1:1/db",
            "u:" + PASSWORD + "@127.0.0.1:1/db",
            "postgresql://u:" + PASSWORD + "%zz@127.0.0.1:1/db",
            "postgresql://u:" + PASSWORD + "@127.0.0.1:1/toggl%3FcurrentSchema%3Dx%26sslmode%3Ddisable",
            "postgresql://u:" + PASSWORD + "@x@127.0.0.1:1/db",
            "mysql://u:" + PASSWORD + "@127.0.0.1:1/db",
            "postgresql://u:" + PASSWORD + "@127.0.0.1:1/db\u001b[2J",
            "duckdb://u:" + PASSWORD + "@x.duckdb?p=" + PASSWORD);

    @TempDir
    Path dir;

    @Test
    void everyCommandEchoesAConnectionUrlOnlyMasked() throws IOException {
        Environment env = Environment.of(Map.of(), dir.resolve("home"), Files.createDirectories(dir.resolve("work")));
        List<String> outputs = new ArrayList<>();
        int runs = 0;
        for (String url : URLS) {
            Path replication = dir.resolve("work/r.yaml");
            Files.writeString(replication, "source: TOGGL_TRACK\ntarget: '" + url.replace("'", "''") + "'\nstreams:\n  me:\n");
            for (List<String> args : List.of(
                    List.of("conns", "test", "-d", url),
                    List.of("conns", "test", "-d", url, "--endpoints", "me"),
                    List.of("conns", "test", "-d", url, "--output", "json"),
                    List.of("conns", "discover", "-d", url),
                    List.of("conns", "set", "-d", url, "type=duckdb", "instance=x.duckdb"),
                    List.of("conns", "set", "-d", "X", "url=" + url),
                    List.of("conns", "unset", "-d", url),
                    List.of("state", "show", "-d", url),
                    List.of("state", "show", "-d", "--target", url, "--output", "json"),
                    List.of("state", "reset", "-d", "--stream", "time_entries", "--target", url),
                    List.of("report", "-d", url, "--out", dir.resolve("r.html").toString()),
                    List.of("run", "-d", "-r", replication.toString(), "--dry-run"),
                    List.of("run", "-d", "-r", replication.toString()),
                    List.of("run", "--no-such-flag", url),
                    List.of("state", "show", url, url + "x"))) {
                CliRun run = CliRun.of(env, args.toArray(String[]::new));
                runs++;
                String text = run.out() + run.err();
                outputs.add(text);
                assertThat(text.toLowerCase(Locale.ROOT)).as("%s\n%s", String.join(" ", args), text)
                        .doesNotContain(PASSWORD.toLowerCase(Locale.ROOT));
                assertThat(text).as(String.join(" ", args)).doesNotContain("\u001b");
            }
        }
        assertThat(runs).isEqualTo(URLS.size() * 15);
        // The URLs were echoed (masked), so the scan above looked at real echoes, not at silence.
        assertThat(outputs).filteredOn(t -> t.contains("u:****@")).hasSizeGreaterThan(URLS.size() * 5);
    }

    @Test
    void theMaskKeepsWhatHelpsAndHidesWhatMayBeSecret() {
        assertThat(Masking.connection("postgresql://u:p%40ss@h:5/db?sslmode=require&password=x&y"))
                .isEqualTo("postgresql://u:****@h:5/db?sslmode=require&password=****&****");
        assertThat(Masking.connection("u:pw@h/db")).isEqualTo("u:****@h/db");
        assertThat(Masking.connection("postgresql:/u:pw@h/db")).isEqualTo("postgresql:/u:****@h/db");
        assertThat(Masking.connection("postgresql://u:a@b@h/db")).isEqualTo("postgresql://u:****@h/db");
        assertThat(Masking.connection("MY_POSTGRES")).isEqualTo("MY_POSTGRES");
        assertThat(Masking.connection("duckdb://toggl.duckdb")).isEqualTo("duckdb://toggl.duckdb");
        assertThat(Masking.connection("bad\u001b[2Jname")).isEqualTo("bad?****"); // the '?' standing for ESC reads as a query: over-masked, never under
    }
}
