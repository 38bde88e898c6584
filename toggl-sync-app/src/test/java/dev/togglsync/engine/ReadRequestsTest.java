package dev.togglsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Mode;
import dev.togglsync.config.Replication;
import dev.togglsync.state.StreamState;
import dev.togglsync.toggl.ReadRequest;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The incremental decision, case by case, as its comment's example walks through it. */
class ReadRequestsTest {
    private static final Instant CURSOR = Instant.parse("2026-03-15T12:00:00Z");
    private static final Optional<StreamState> STORED =
            Optional.of(new StreamState(Optional.of(CURSOR), CURSOR.plusSeconds(5), 120));

    private static PlannedLoad load(String stream, Mode mode) {
        return RunPlanner.plan(Replication.defaultPlan().withMode(mode)).stream().filter(l -> l.name().equals(stream))
                .findFirst().orElseThrow();
    }

    @Test
    void incrementalTimeEntriesReadFromTheStoredCursor() {
        assertThat(ReadRequests.forLoad(load("time_entries", Mode.INCREMENTAL), STORED))
                .isEqualTo(ReadRequest.incremental(Optional.of(CURSOR)));
    }

    @Test
    void incrementalTimeEntriesWithNothingStoredReadFromAnchorDate() {
        assertThat(ReadRequests.forLoad(load("time_entries", Mode.INCREMENTAL), Optional.empty()))
                .isEqualTo(ReadRequest.incremental(Optional.empty()));
    }

    @Test
    void otherModesReadTimeEntriesWholeWhateverIsStored() {
        for (Mode mode : new Mode[] {Mode.FULL_REFRESH, Mode.TRUNCATE, Mode.SNAPSHOT}) {
            assertThat(ReadRequests.forLoad(load("time_entries", mode), STORED)).as(mode.yamlName())
                    .isEqualTo(ReadRequest.fullRefresh());
        }
    }

    @Test
    void aStreamTheApiCannotFilterByChangeIsReadWholeInIncrementalMode() {
        assertThat(ReadRequests.forLoad(load("projects", Mode.INCREMENTAL), STORED)).isEqualTo(ReadRequest.fullRefresh());
    }
}
