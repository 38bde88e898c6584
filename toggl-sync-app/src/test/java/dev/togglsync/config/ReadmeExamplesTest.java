package dev.togglsync.config;

import static dev.togglsync.config.Fixtures.CLOCK;
import static dev.togglsync.config.Fixtures.env;
import static dev.togglsync.config.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's configuration examples are real: each YAML block parses, each .env.sling block loads. */
class ReadmeExamplesTest {
    private static final Pattern BLOCK = Pattern.compile("```(yaml|bash)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    private static List<String> blocks(String language) throws IOException {
        // The repository root, above this module.
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            if (m.group(1).equals(language)) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    @Test
    void everyReplicationExampleParses() throws IOException {
        List<String> replications = blocks("yaml").stream().filter(b -> b.contains("streams:")).toList();

        // The four Sling examples, and the file target's example (Files and SQLite).
        assertThat(replications).hasSize(5);
        for (String yaml : replications) {
            assertThat(Replication.parse("README.md", yaml, CLOCK).streams()).isNotEmpty();
        }
    }

    @Test
    void theEnvYamlExampleDefinesAValidTogglSource() throws IOException {
        String envYaml = blocks("yaml").stream().filter(b -> b.contains("connections:")).findFirst().orElseThrow();
        write(dir.resolve("home/.toggl-sync/env.yaml"), envYaml);

        assertThat(Connections.load(env(dir, Map.of())).source("TOGGL_TRACK", "README").rate()).isEqualTo(1.0);
    }

    @Test
    void theDotEnvSlingExampleLoads() throws IOException {
        String bash = blocks("bash").stream().filter(b -> b.contains("# .env.sling")).findFirst().orElseThrow();
        String dotEnv = bash.lines().map(String::strip).reduce("", (a, b) -> a + b + "\n");
        write(dir.resolve("work/.env.sling"), dotEnv);

        Connections c = Connections.load(env(dir, Map.of()));

        assertThat(c.entries()).extracting(ConnectionEntry::name).containsExactly("MY_POSTGRES", "TOGGL_TRACK");
        assertThat(c.entries()).allSatisfy(e -> assertThat(e.valid()).isTrue());
    }
}
