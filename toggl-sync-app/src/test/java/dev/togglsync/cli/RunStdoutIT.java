package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.togglsync.config.Environment;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.CliRun;
import dev.togglsync.testing.SimulatedToggl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `toggl-sync run --stdout`: JSON lines on standard output, everything else on standard error, no target, no state. */
class RunStdoutIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Simulator sim;
    Environment environment;

    @BeforeEach
    void setUp() {
        sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000));
        String source = SimulatedToggl.connection(sim, 1000);
        environment = Environment.of(Map.of("TOGGL_TRACK", source), dir.resolve("home"), dir);
    }

    @AfterEach
    void tearDown() {
        sim.close();
    }

    @Test
    void everyRecordIsOneJsonLineWithItsStreamAndNothingElseIsOnStdout() throws Exception {
        CliRun run = CliRun.of(environment, "run", "--stdout", "--streams", "projects,time_entries");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Set<Long>> ids = new HashMap<>();
        List<JsonNode> entries = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.fieldNames().next()).isEqualTo("_stream");
            String stream = record.get("_stream").asText();
            assertThat(ids.computeIfAbsent(stream, s -> new HashSet<>()).add(record.get("id").asLong()))
                    .as("one line per record").isTrue();
            if (stream.equals("time_entries")) {
                entries.add(record);
            }
        }
        assertThat(ids.keySet()).containsExactlyInAnyOrder("projects", "time_entries");
        // time_entries incremental from the default anchor: every entry changed in the last 90 days.
        Set<Long> expected = new HashSet<>();
        sim.dataset().timeEntriesModifiedSince(Instant.now().minus(Duration.ofDays(89)))
                .forEach(e -> expected.add(e.get("id").asLong()));
        assertThat(ids.get("time_entries")).isEqualTo(expected);
        JsonNode first = entries.get(0);
        assertThat(Instant.parse(first.get("start").asText())).isNotNull();
        assertThat(first.get("tag_ids").isArray() || first.get("tag_ids").isNull()).isTrue();
        assertThat(first.has("api_token")).isFalse();
        // The summary went to stderr; no target file and no state anywhere.
        assertThat(run.err()).contains("time_entries").contains("projects");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("toggl.duckdb");
        }
        assertThat(run.out() + run.err()).doesNotContain(sim.token());
    }

    @Test
    void dryRunWithStdoutIsRefused() {
        CliRun run = CliRun.of(environment, "run", "--stdout", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--dry-run").contains("--stdout");
        assertThat(run.out()).isEmpty();
    }
}
