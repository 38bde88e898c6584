package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.Version;
import dev.togglsync.config.Environment;
import dev.togglsync.testing.CliRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionAndVersionTest {
    @TempDir
    Path dir;

    @Test
    void completionIsABashScriptForEveryCommand() {
        CliRun run = CliRun.of(Environment.of(Map.of(), dir, dir), "completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_toggl-sync")
                .contains("run", "conns", "state", "demo", "simulator", "completion")
                .contains("discover")
                // --pattern offers the stream names
                .contains("time_entries");
    }

    @Test
    void versionIsTheBuildsVersion() {
        CliRun run = CliRun.of(Environment.of(Map.of(), dir, dir), "--version");

        assertThat(run).isEqualTo(new CliRun(0, "toggl-sync " + Version.get() + " (commit " + Version.commit() + ")\n", ""));
        assertThat(Version.commit()).as("built in a git checkout").matches("[0-9a-f]{10}(-dirty)?");
        assertThat(Version.get()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
