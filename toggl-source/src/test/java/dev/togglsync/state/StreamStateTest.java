package dev.togglsync.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StreamStateTest {
    private static final LocalDate START = LocalDate.parse("2023-03-10");

    @Test
    void windowRowCountsAndThePageSizeSurviveTheRoundTrip() {
        WindowProgress p = new WindowProgress(START, LocalDate.parse("2025-03-09"), 2, Optional.of(Instant.parse("2025-03-09T17:00:00Z")),
                false, 200, Map.of(START, 1_200L, LocalDate.parse("2024-03-10"), 1_150L), OptionalLong.of(410));
        StreamState state = new StreamState(p.cursor(), Instant.parse("2026-03-15T12:00:00Z"), 2_350, Map.of(1001L, p));

        String json = state.toJson();

        assertThat(json).contains("\"page_size\":200", "\"window_rows\":{\"2023-03-10\":1200,\"2024-03-10\":1150}", "\"rescan_rows\":410");
        assertThat(StreamState.fromJson(json)).isEqualTo(state);
    }

    @Test
    void aVersion2ValueWrittenBeforeTheCountsReadsAsOneWithoutCounts() {
        String stored = "{\"version\":2,\"cursor\":\"2025-03-09T17:00:00Z\",\"synced_at\":\"2026-03-15T12:00:00Z\",\"rows\":5,"
                + "\"windows\":{\"1001\":{\"history_start\":\"2023-03-10\",\"done_through\":\"2025-03-09\",\"windows\":2,"
                + "\"cursor\":\"2025-03-09T17:00:00Z\",\"backfilled\":false}}}";

        WindowProgress p = StreamState.fromJson(stored).windows().get(1001L);

        assertThat(p).isEqualTo(new WindowProgress(START, LocalDate.parse("2025-03-09"), 2,
                Optional.of(Instant.parse("2025-03-09T17:00:00Z")), false));
        assertThat(p.pageSize()).isZero();
        assertThat(p.windowRows()).isEmpty();
        assertThat(p.rescanRows()).isEmpty();
    }

    @Test
    void aWindowCountsItsRowsAndTheIncrementalReadsKeepTheBackfillsCount() {
        WindowProgress p = WindowProgress.notStarted(START)
                .windowDone(START, LocalDate.parse("2024-03-09"), Optional.of(Instant.parse("2024-03-09T10:00:00Z")), 1_200, 200, false)
                .windowDone(LocalDate.parse("2024-03-10"), LocalDate.parse("2024-06-01"), Optional.empty(), 90, 90, true)
                .changesRead(Optional.of(Instant.parse("2024-06-01T10:00:00Z")), 3)
                .rescanned(Optional.empty(), 410, 200);

        assertThat(p.windows()).as("backfill windows only").isEqualTo(2);
        assertThat(p.backfilled()).isTrue();
        assertThat(p.windowRows()).containsExactly(Map.entry(START, 1_200L), Map.entry(LocalDate.parse("2024-03-10"), 90L));
        assertThat(p.pageSize()).isEqualTo(200);
        assertThat(p.rescanRows()).hasValue(410);
        assertThat(p.cursor()).hasValue(Instant.parse("2024-06-01T10:00:00Z"));
    }
}
