package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Connections;
import dev.togglsync.config.Environment;
import dev.togglsync.testing.CliRun;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18, finding 6, through the real command line: {@code secrets.api_token=-} reads a line of stdin. */
class ConnsSetFromStdinTest {
    @TempDir
    Path dir;

    @Test
    void theTokenComesFromStandardInputNotTheArguments() throws Exception {
        Environment env = Environment.of(Map.of(), dir, dir);
        InputStream original = System.in;
        CliRun run;
        try {
            System.setIn(new ByteArrayInputStream("tok-piped-in\npw-piped-in\n".getBytes(StandardCharsets.UTF_8)));
            run = CliRun.of(env, "conns", "set", "TOGGL_TRACK", "type=api", "spec=toggl-track", "secrets.api_token=-");
        } finally {
            System.setIn(original);
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out() + run.err()).doesNotContain("tok-piped-in");
        assertThat(Files.readString(env.envYaml())).contains("tok-piped-in");
        assertThat(Connections.load(env).source("TOGGL_TRACK", "t").apiToken().reveal()).isEqualTo("tok-piped-in");
    }
}
