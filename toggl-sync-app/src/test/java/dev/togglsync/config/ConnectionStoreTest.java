package dev.togglsync.config;

import dev.togglsync.Secret;
import static dev.togglsync.config.Fixtures.env;
import static dev.togglsync.config.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionStoreTest {
    @TempDir
    Path dir;

    @Test
    void anExistingFolderOpenToOthersIsTightenedTo0700OnEveryWrite() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("home/.toggl-sync"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

        ConnectionStore.set(env(dir, Map.of()), "TOGGL_TRACK", List.of("type=api", "spec=toggl-track", "secrets={ api_token: xxx }"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    }

    @Test
    void writesEnvYamlWithMode0600InAFolderWithMode0700() throws IOException {
        Environment env = env(dir, Map.of());

        ConnectionStore.set(env, "TOGGL_TRACK", List.of("type=api", "spec=toggl-track", "secrets={ api_token: xxx }"));

        Path file = dir.resolve("home/.toggl-sync/env.yaml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void rewritingAWorldReadableEnvYamlLeavesIt0600() throws IOException {
        Path file = dir.resolve("home/.toggl-sync/env.yaml");
        write(file, "connections:\n  LOCAL: duckdb://local.duckdb\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        ConnectionStore.set(env(dir, Map.of()), "PG", List.of("url=postgresql://u:p@h/d"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void setReplacesTheSameNameInAnyCaseAndKeepsTheOthers() {
        Path file = dir.resolve("home/.toggl-sync/env.yaml");
        write(file, "connections:\n  local: duckdb://local.duckdb\n  my_pg: postgresql://old@h/d\n");
        Environment env = env(dir, Map.of());

        ConnectionStore.set(env, "My_Pg", List.of("type=postgres", "host=db", "port=6543", "user=u", "password=0123",
                "database=d", "sslmode=require"));

        Connections c = Connections.load(env);
        assertThat(c.entries()).extracting(ConnectionEntry::name).containsExactly("LOCAL", "MY_PG");
        assertThat(c.get("MY_PG", "t")).isEqualTo(new PostgresConnection("MY_PG", "db", 6543, "u", Secret.of("0123"), "d", "require"));
    }

    @Test
    void aUrlAloneIsStoredAsAMapWithUrl() throws IOException {
        Environment env = env(dir, Map.of());

        ConnectionStore.set(env, "pg", List.of("url=postgresql://u:p@h:5432/d?sslmode=disable"));

        assertThat(Files.readString(env.envYaml())).endsWith("connections:\n  PG:\n    url: \"postgresql://u:p@h:5432/d?sslmode=disable\"\n");
    }

    @Test
    void anInvalidDefinitionIsNotWritten() {
        Environment env = env(dir, Map.of());

        Fixtures.assertInvalid(() -> ConnectionStore.set(env, "T", List.of("type=api", "spec=toggl-track",
                "secrets={ api_token: x }", "inputs={ rate: 0 }")), "conns set T: inputs.rate: '0' must be a number of "
                + "requests per second greater than 0 (example: 1 or 0.5)");

        assertThat(env.envYaml()).doesNotExist();
    }

    @Test
    void passwordsThatLookLikeOtherYamlSurviveEveryRewriteAsWritten() {
        Environment env = env(dir, Map.of());
        List<String> tricky = List.of("1e5", "0x1f", "0123", "1_000", ".inf", "true", "null", "~", "a\"b\\c",
                "with: colon", "#hash", "- dash", "ünï €", "x'y");

        // Each set rewrites env.yaml, so the first passwords go through many write/read cycles.
        for (int i = 0; i < tricky.size(); i++) {
            ConnectionStore.set(env, "PG" + i, List.of("type=postgres", "host=h", "user=u", "database=d",
                    "password=" + tricky.get(i)));
        }

        Connections c = Connections.load(env);
        for (int i = 0; i < tricky.size(); i++) {
            assertThat(((PostgresConnection) c.get("PG" + i, "t")).password().reveal()).isEqualTo(tricky.get(i));
        }
    }

    @Test
    void unsetRemovesOnlyThatEntry() {
        Environment env = env(dir, Map.of());
        ConnectionStore.set(env, "A", List.of("url=duckdb://a.duckdb"));
        ConnectionStore.set(env, "B", List.of("type=duckdb", "instance=b.duckdb"));

        ConnectionStore.unset(env, "a");

        assertThat(Connections.load(env).entries()).extracting(ConnectionEntry::name).containsExactly("B");
    }
}
