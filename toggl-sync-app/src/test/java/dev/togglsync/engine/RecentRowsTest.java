package dev.togglsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Mode;
import dev.togglsync.config.Replication;
import dev.togglsync.schema.Rescan;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StoredState;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.Target;
import dev.togglsync.target.WriteProbe;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * run --every's cycles (issue 19): a row equal to the one committed for its key is not written
 * again, so a cycle in which nothing changed commits only its state; a changed row, a row of a
 * load that rolled back and a row a rescan needs are written.
 */
class RecentRowsTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private static final PlannedLoad TIME_ENTRIES = RunPlanner.plan(Replication.defaultPlan().withMode(Mode.INCREMENTAL))
            .stream().filter(l -> l.name().equals("time_entries")).findFirst().orElseThrow();

    private final RecordingTarget target = new RecordingTarget();
    private final RecentRows recent = RecentRows.acrossCycles();

    @Test
    void aCycleThatReadsOnlyRowsItCommittedBeforeCommitsOnlyItsState() {
        cycle(List.<Object[]>of(entry(1, "a"), entry(2, "b")), List.of());
        assertThat(target.written).hasSize(2);
        assertThat(target.loads).isEqualTo(1);

        cycle(List.<Object[]>of(entry(1, "a"), entry(2, "b")), List.of());
        assertThat(target.loads).as("no load begun for repeats").isEqualTo(1);
        assertThat(target.stateOnly).isEqualTo(1);

        cycle(List.<Object[]>of(entry(1, "a"), entry(2, "changed")), List.of());
        assertThat(target.loads).isEqualTo(2);
        assertThat(target.written).hasSize(3);
        assertThat(target.written.get(2)[TIME_ENTRIES.schema().indexOf("description")]).isEqualTo("changed");
    }

    @Test
    void rowsOfALoadThatRolledBackAreWrittenAgain() {
        CommittingLoad failed = new CommittingLoad(target, request(), Clock.fixed(AT, ZoneOffset.UTC), recent.forLoad(TIME_ENTRIES));
        failed.accept(entry(1, "a"));
        failed.close(); // no commit: rolled back

        cycle(List.<Object[]>of(entry(1, "a")), List.of());
        assertThat(target.written).as("the row the rollback lost, written now").hasSize(1);
        assertThat(target.stateOnly).isZero();
    }

    @Test
    void aRescanGetsTheHeldBackRowsSoThatItDoesNotMarkThemDeleted() {
        cycle(List.<Object[]>of(entry(1, "a")), List.of());
        Rescan rescan = new Rescan("_toggl_sync_deleted_at", "workspace_id", 1, "start", AT.minusSeconds(3600), AT);
        cycle(List.<Object[]>of(entry(1, "a")), List.of(rescan));
        assertThat(target.written).hasSize(2);
    }

    @Test
    void aLoadLargerThanTheBoundRemembersNothingSoItsRowsAreWrittenAgain() {
        List<Object[]> many = new ArrayList<>();
        for (long id = 1; id <= RecentRows.MAX_ROWS + 1; id++) {
            many.add(entry(id, "d"));
        }
        cycle(many, List.of());
        int written = target.written.size();

        cycle(List.<Object[]>of(entry(1, "d")), List.of());
        assertThat(target.written).as("not held back: nothing of the large load was kept").hasSize(written + 1);
        assertThat(target.stateOnly).isZero();
    }

    @Test
    void aSingleRunAndOtherModesWriteEveryRow() {
        assertThat(RecentRows.none().forLoad(TIME_ENTRIES)).isEmpty();
        PlannedLoad fullRefresh = RunPlanner.plan(Replication.defaultPlan().withMode(Mode.FULL_REFRESH)).stream()
                .filter(l -> l.name().equals("time_entries")).findFirst().orElseThrow();
        assertThat(recent.forLoad(fullRefresh)).isEmpty();
    }

    private void cycle(List<Object[]> rows, List<Rescan> rescans) {
        try (CommittingLoad load = new CommittingLoad(target, request(), Clock.fixed(AT, ZoneOffset.UTC),
                recent.forLoad(TIME_ENTRIES))) {
            rows.forEach(load::accept);
            load.commit(new StreamState(Optional.of(AT), AT, rows.size()), rescans);
        }
    }

    private static LoadRequest request() {
        return new LoadRequest(TIME_ENTRIES.table(), TIME_ENTRIES.schema(), Mode.INCREMENTAL, TIME_ENTRIES.primaryKey(),
                "TOGGL", "time_entries");
    }

    private static Object[] entry(long id, String description) {
        TableSchema schema = TIME_ENTRIES.schema();
        Object[] row = new Object[schema.size()];
        row[schema.indexOf("id")] = id;
        row[schema.indexOf("description")] = description;
        row[schema.indexOf("at")] = AT.minusSeconds(id);
        return row;
    }

    /** Records what reaches the target; a state-only commit is taken once a load committed. */
    private static final class RecordingTarget implements Target {
        final List<Object[]> written = new ArrayList<>();
        int loads;
        int stateOnly;

        @Override
        public StreamLoad begin(LoadRequest request) {
            loads++;
            List<Object[]> pending = new ArrayList<>();
            return new StreamLoad() {
                @Override
                public void schemaChanged(TableSchema schema) {}

                @Override
                public void accept(Object[] row) {
                    pending.add(row);
                }

                @Override
                public void commit(StreamState state, List<Rescan> rescans) {
                    written.addAll(pending);
                    pending.clear();
                }

                @Override
                public long rows() {
                    return pending.size();
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public boolean commitWithoutRows(LoadRequest request, StreamState state) {
            if (loads == 0) {
                return false;
            }
            stateOnly++;
            return true;
        }

        @Override
        public Optional<StreamState> state(String connection, String stream) {
            return Optional.empty();
        }

        @Override
        public List<StoredState> states() {
            return List.of();
        }

        @Override
        public boolean resetState(String connection, String stream) {
            return false;
        }

        @Override
        public WriteProbe checkWritable(String schema) {
            return WriteProbe.tableIn(schema);
        }

        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public void close() {}
    }
}
