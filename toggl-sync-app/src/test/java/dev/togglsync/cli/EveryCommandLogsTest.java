package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Environment;
import dev.togglsync.testing.CliRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code -q}/{@code -d} on every command, and the scrubbing log handler installed whichever command runs. */
class EveryCommandLogsTest {
    private static final String TOKEN = "tok9LOGGED4d5e6f";

    @TempDir
    Path dir;

    private Environment env(Map<String, String> variables) throws IOException {
        Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("work"));
        return new Environment(variables, dir.resolve("home"), dir.resolve("work"),
                Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void everyCommandThatRunsSomethingTakesQuietAndDebug() throws IOException {
        List<String> leaves = new ArrayList<>();
        collectLeaves(Main.newCommandLine(env(Map.of())), leaves);

        assertThat(leaves).containsExactlyInAnyOrder("run", "conns set", "conns list", "conns unset", "conns discover",
                "conns test", "state show", "state reset", "demo", "simulator", "completion", "report");
    }

    private static void collectLeaves(CommandLine cl, List<String> leaves) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            if (sub.getSubcommands().isEmpty()) {
                String name = sub.getCommandSpec().qualifiedName().substring("toggl-sync ".length());
                assertThat(sub.getCommandSpec().findOption("-q")).as(name + " -q").isNotNull();
                assertThat(sub.getCommandSpec().findOption("--quiet")).as(name + " --quiet").isNotNull();
                assertThat(sub.getCommandSpec().findOption("-d")).as(name + " -d").isNotNull();
                assertThat(sub.getCommandSpec().findOption("--debug")).as(name + " --debug").isNotNull();
                leaves.add(name);
            } else {
                collectLeaves(sub, leaves);
            }
        }
    }

    @Test
    void aCommandOtherThanRunLogsItsDebugLinesThroughTheHandler() throws IOException {
        CliRun list = CliRun.of(env(Map.of(Environment.API_TOKEN_VARIABLE, TOKEN)), "conns", "list", "-d");

        assertThat(list.exitCode()).isZero();
        assertThat(list.err()).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} debug: connection TOGGL_TRACK \\(api\\) from ")
                .doesNotContain(TOKEN);
        assertThat(CliRun.of(env(Map.of(Environment.API_TOKEN_VARIABLE, TOKEN)), "conns", "list").err())
                .as("without -d, no debug line").isEmpty();
    }

    @Test
    void theHandlerAnyCommandInstallsMasksTheSecretsItLoaded() throws IOException {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.newCommandLine(env(Map.of(Environment.API_TOKEN_VARIABLE, TOKEN)));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));

        assertThat(cl.execute("conns", "discover", "TOGGL_TRACK")).isZero();
        // A careless log line after the command loaded the connection: the handler it installed masks the token.
        Logger.getLogger("dev.togglsync.test").warning("sent token " + TOKEN);

        assertThat(err.toString()).isEqualTo("warning: sent token ****\n");
    }
}
