package dev.togglsync.config;

import static dev.togglsync.config.Fixtures.CLOCK;
import static dev.togglsync.config.Fixtures.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code env:} and {@code ${VAR}} in replication files; {@code source_options} and {@code target_options}, key by key. */
class ReplicationEnvAndOptionsTest {
    private final List<String> secrets = new ArrayList<>();

    private ReplicationPlan parse(Map<String, String> processEnv, String yaml) {
        return Replication.parse("replication.yaml", yaml, CLOCK, processEnv, secrets::add);
    }

    private ReplicationPlan parse(String yaml) {
        return parse(Map.of(), yaml);
    }

    @Test
    void fileEnvFirstThenTheProcessEnvironment() {
        ReplicationPlan plan = parse(Map.of("SCHEMA", "from_process", "PG_URL", "postgresql://u:pw@localhost/db"), """
                target: ${PG_URL}
                env:
                  SCHEMA: raw_toggl
                  SUFFIX: _v2
                defaults:
                  object: ${SCHEMA}.{stream_name}${SUFFIX}
                streams:
                  projects:
                  time_entries:
                    object: '${ SCHEMA }.entries'
                """);

        assertThat(plan.target()).isEqualTo("postgresql://u:pw@localhost/db");
        assertThat(plan.stream("projects").orElseThrow().object()).isEqualTo("raw_toggl.projects_v2");
        assertThat(plan.stream("time_entries").orElseThrow().object()).isEqualTo("raw_toggl.entries");
        assertThat(plan.env()).containsExactly(Map.entry("SCHEMA", "raw_toggl"), Map.entry("SUFFIX", "_v2"));
        // The target's value may carry a password: the CLI masks it from here on.
        assertThat(secrets).containsExactly("postgresql://u:pw@localhost/db");
    }

    @Test
    void envValuesMayReferToTheProcessEnvironmentAndSecretNamesAreMasked() {
        ReplicationPlan plan = parse(Map.of("HOME_SCHEMA", "toggl", "DB_PASSWORD", "s3cret"), """
                env:
                  SCHEMA: ${HOME_SCHEMA}
                  PG_PASSWORD: ${DB_PASSWORD}
                target: postgresql://u:${PG_PASSWORD}@localhost/db
                streams:
                  me:
                    object: ${SCHEMA}.me
                """);

        assertThat(plan.stream("me").orElseThrow().object()).isEqualTo("toggl.me");
        assertThat(secrets).containsOnly("s3cret");
    }

    @Test
    void anUnknownVariableIsAnErrorNamingItAndWhere() {
        assertInvalid(() -> parse(Map.of("PATH", "/bin"), """
                env:
                  SCHEMA: toggl
                streams:
                  me:
                    object: ${SCHEME}.me
                """), "replication.yaml: streams.me.object: unknown variable ${SCHEME} (did you mean SCHEMA?); define it"
                + " in the file's env: map or export it in the environment");
        assertInvalid(() -> parse("""
                streams:
                  me:
                    select: [id, '${}']
                """), "replication.yaml: streams.me.select[1]: '${}' is not a variable reference; write ${NAME} with"
                + " letters, digits and _ (example: ${TOGGL_SCHEMA})");
    }

    @Test
    void workspaceIdsSourceOption() {
        ReplicationPlan plan = parse("""
                streams:
                  projects:
                    source_options: { workspace_ids: [11, 22] }
                  time_entries:
                    source_options: { workspace_ids: 33 }
                  tags:
                """);

        assertThat(plan.stream("projects").orElseThrow().options().workspaceIds()).contains(Set.of(11L, 22L));
        assertThat(plan.stream("time_entries").orElseThrow().options().workspaceIds()).contains(Set.of(33L));
        assertThat(plan.stream("tags").orElseThrow().options()).isEqualTo(StreamOptions.DEFAULTS);
        assertInvalid(() -> parse("""
                streams:
                  me:
                    source_options: { workspace_ids: [1] }
                """), "replication.yaml: streams.me.source_options.workspace_ids: me has no workspace_id column to"
                + " filter by; use the connection's inputs.workspace_ids to read fewer workspaces");
        assertInvalid(() -> parse("""
                streams:
                  projects:
                    source_options: { workspace_ids: [abc] }
                """), "replication.yaml: streams.projects.source_options.workspace_ids[0]: must be a workspace id (a"
                + " positive whole number), not a string (example: workspace_ids: [1234567])");
    }

    @Test
    void addNewColumnsAndColumnCasingTargetOptions() {
        ReplicationPlan plan = parse("""
                defaults:
                  target_options: { add_new_columns: false, column_casing: snake }
                streams:
                  projects:
                  tags:
                    target_options: { column_casing: source }
                """);

        assertThat(plan.stream("projects").orElseThrow().options())
                .isEqualTo(new StreamOptions(Optional.empty(), false, StreamOptions.ColumnCasing.SNAKE));
        // An entry's map replaces the defaults' map whole, as every other key does.
        assertThat(plan.stream("tags").orElseThrow().options()).isEqualTo(StreamOptions.DEFAULTS);
        assertInvalid(() -> parse("""
                streams:
                  tags:
                    target_options: { column_casing: upper }
                """), "replication.yaml: streams.tags.target_options.column_casing: 'upper' is not supported; Toggl's"
                + " fields are snake_case already, so toggl-sync keeps them as sent: use one of: source, snake");
        assertInvalid(() -> parse("""
                streams:
                  tags:
                    target_options: { add_new_columns: 'no' }
                """), "replication.yaml: streams.tags.target_options.add_new_columns: must be true or false, not a string");
    }

    @Test
    void unknownOptionKeysFailWithAHint() {
        assertInvalid(() -> parse("""
                streams:
                  tags:
                    target_options: { add_new_column: false }
                """), "replication.yaml: streams.tags.target_options.add_new_column: unknown key (did you mean"
                + " add_new_columns?); allowed keys: add_new_columns, column_casing");
        assertInvalid(() -> parse("""
                defaults:
                  source_options: { workspace_id: [1] }
                streams:
                  tags:
                """), "replication.yaml: defaults.source_options.workspace_id: unknown key (did you mean workspace_ids?);"
                + " allowed keys: workspace_ids");
    }
}
