package dev.togglsync.config;

import static dev.togglsync.config.Fixtures.CLOCK;
import static dev.togglsync.config.Fixtures.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Sling's ad-hoc flags build the very plan of the replication file they stand for (compared as
 * values), for each flag combination Sling's docs show for API sources.
 */
class AdHocReplicationTest {
    private static AdHocReplication flags(String srcConn, String srcStream, String tgtConn, String tgtObject, String mode,
            String select, String primaryKey, String updateKey) {
        return new AdHocReplication(Optional.ofNullable(srcConn), split(srcStream), Optional.ofNullable(tgtConn),
                Optional.ofNullable(tgtObject), Optional.ofNullable(mode), split(select), split(primaryKey),
                Optional.ofNullable(updateKey));
    }

    private static List<String> split(String commaList) {
        return commaList == null ? List.of() : List.of(commaList.split(","));
    }

    private static ReplicationPlan file(String yaml) {
        return Replication.parse("replication.yaml", yaml, CLOCK);
    }

    @Test
    void oneIncrementalStreamIntoANamedTable() {
        // sling run --src-conn TOGGL_TRACK --src-stream time_entries --tgt-conn MY_POSTGRES
        //   --tgt-object toggl.time_entries --mode incremental
        ReplicationPlan adHoc = Replication.adHoc(flags("TOGGL_TRACK", "time_entries", "MY_POSTGRES",
                "toggl.time_entries", "incremental", null, null, null), CLOCK);

        assertThat(adHoc).isEqualTo(file("""
                source: TOGGL_TRACK
                target: MY_POSTGRES
                streams:
                  time_entries:
                    object: toggl.time_entries
                    mode: incremental
                """));
        assertThat(adHoc.streams()).singleElement().satisfies(s -> assertThat(s.updateKey()).contains("at"));
    }

    @Test
    void keysAndSelectionGoWhereTheFileWouldPutThem() {
        // sling run ... --src-stream time_entries --mode incremental --primary-key id --update-key at
        //   --select id,description,at,start,stop
        ReplicationPlan adHoc = Replication.adHoc(flags("toggl_track", "time_entries", "postgresql://u@localhost/db",
                "raw.entries", "incremental", "id,description,at,start,stop", "id", "at"), CLOCK);

        assertThat(adHoc).isEqualTo(file("""
                source: TOGGL_TRACK
                target: postgresql://u@localhost/db
                streams:
                  time_entries:
                    object: raw.entries
                    mode: incremental
                    primary_key: [id]
                    update_key: at
                    select: [id, description, at, start, stop]
                """));
    }

    @Test
    void aCommaListAndAGlobWithATemplateObject() {
        // sling run --src-conn TOGGL_TRACK --src-stream 'projects,client*' --tgt-conn MY_DUCK
        //   --tgt-object 'toggl.{stream_name}' --mode full-refresh
        ReplicationPlan adHoc = Replication.adHoc(flags("TOGGL_TRACK", "projects,client*", "MY_DUCK",
                "toggl.{stream_name}", "full-refresh", null, null, null), CLOCK);

        assertThat(adHoc).isEqualTo(file("""
                source: TOGGL_TRACK
                target: MY_DUCK
                defaults:
                  object: toggl.{stream_name}
                  mode: full-refresh
                streams:
                  projects:
                  client*:
                """));
        assertThat(adHoc.streamNames()).containsExactly("projects", "clients");
    }

    @Test
    void exclusionsAndSnapshotMode() {
        // sling run --src-stream projects --tgt-object 'toggl.projects_history' --mode snapshot --select -template_id
        ReplicationPlan adHoc = Replication.adHoc(flags(null, "projects", null, "toggl.projects_history", "snapshot",
                "-template_id", null, null), CLOCK);

        assertThat(adHoc).isEqualTo(file("""
                streams:
                  projects:
                    object: toggl.projects_history
                    mode: snapshot
                    select: [-template_id]
                """));
        assertThat(adHoc.target()).isEqualTo("duckdb://toggl.duckdb");
    }

    @Test
    void noStreamFlagMeansEveryStreamOfTheStar() {
        ReplicationPlan adHoc = Replication.adHoc(flags("TOGGL_TRACK", null, "MY_POSTGRES", null, null, null, null, null), CLOCK);

        assertThat(adHoc).isEqualTo(file("""
                source: TOGGL_TRACK
                target: MY_POSTGRES
                streams:
                  '*':
                """));
    }

    @Test
    void flagErrorsNameTheFlag() {
        assertInvalid(() -> Replication.adHoc(flags(null, "time_entrys", null, null, null, null, null, null), CLOCK),
                "--src-stream time_entrys: unknown stream (did you mean time_entries?); available: "
                        + dev.togglsync.toggl.TogglStream.names());
        assertInvalid(() -> Replication.adHoc(flags(null, "time_entries", null, null, "incremantal", null, null, null), CLOCK),
                "--mode: 'incremantal' is not a mode (did you mean incremental?); use one of: full-refresh, truncate,"
                        + " incremental, snapshot");
        assertInvalid(() -> Replication.adHoc(flags(null, "time_entries", null, null, null, "id,descripton", null, null), CLOCK),
                "--select: [1]: 'descripton' is not a column of time_entries (did you mean description?)");
        assertInvalid(() -> Replication.adHoc(flags(null, "time_entries", null, null, "incremental", null, null, "stop"), CLOCK),
                "--update-key: 'stop' cannot be the cursor of time_entries: the Toggl API filters it by at only;"
                        + " use update_key: at");
        assertInvalid(() -> Replication.adHoc(flags(null, "projects,tags", null, "toggl.one_table", null, null, null, null), CLOCK),
                "--src-stream: projects and tags both write to toggl.one_table; give each stream its own object (use {stream_name})");
    }
}
