package dev.togglsync.toggl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.state.WindowProgress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The class comment's worked example, and the cases it names. */
class ReportEstimateTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-03-10");
    private static final LocalDate START = LocalDate.parse("2023-01-01");
    // Four windows of 366 days from 2023-01-01; the fourth (2026-01-05..) reaches today.
    private static final Map<LocalDate, Long> ROWS = Map.of(START, 1_200L, LocalDate.parse("2024-01-02"), 1_150L,
            LocalDate.parse("2025-01-02"), 1_300L, LocalDate.parse("2026-01-03"), 90L);

    private static WindowProgress backfilled(OptionalLong rescan) {
        return new WindowProgress(START, TODAY, 4, Optional.of(Instant.parse("2026-03-10T09:00:00Z")), true, 200, ROWS, rescan);
    }

    @Test
    void incrementalIsOneRequestPerHistoryWindowPlusTheRescansPagesFromItsLastRows() {
        RequestEstimate e = ReportEstimate.of(ReadRequest.incremental(Optional.empty(), Map.of(1L, backfilled(OptionalLong.of(410)))),
                TODAY, START, 35);

        // The 4th window starts before the rescan days (2026-02-03): read by last_update up to them.
        assertThat(e).isEqualTo(new RequestEstimate.FromStoredRows(1, 4 + 1, 4 + 3, 410, 200));
        assertThat(e.describe()).isEqualTo("about 7 requests (5 windows in 1 workspace, pages from the 410 rows stored last time, 200 a page)");
    }

    @Test
    void beforeAnyRescanTheRescanRowsComeFromTheBackfillsRowsPerDay() {
        RequestEstimate e = ReportEstimate.of(ReadRequest.incremental(Optional.empty(), Map.of(1L, backfilled(OptionalLong.empty()))),
                TODAY, START, 35);

        // 3,740 rows over 1,165 days ≈ 3.21 a day × 36 days = 116 rows: one page.
        assertThat(e).isEqualTo(new RequestEstimate.FromStoredRows(1, 4 + 1, 4 + 1, 116, 200));
    }

    @Test
    void aFullRefreshReadsEveryStoredWindowAgainWithItsPages() {
        RequestEstimate e = ReportEstimate.of(new ReadRequest(false, Optional.empty(), Map.of(1L, backfilled(OptionalLong.of(410)))),
                TODAY, START, 35);

        assertThat(e).isEqualTo(new RequestEstimate.FromStoredRows(1, 4, 6 + 6 + 7 + 1, 3_740, 200));
    }

    @Test
    void anUnfinishedBackfillCountsTheWindowsLeftWithTheFinishedWindowsAverage() {
        WindowProgress half = new WindowProgress(START, LocalDate.parse("2024-01-01"), 1, Optional.empty(), false, 200,
                Map.of(START, 1_200L), OptionalLong.empty());

        RequestEstimate e = ReportEstimate.of(ReadRequest.incremental(Optional.empty(), Map.of(1L, half)), TODAY, START, 35);

        // 2024-01-02..2026-03-10 is 799 days: 3 windows of 366 days, 6 pages each.
        assertThat(e).isEqualTo(new RequestEstimate.FromStoredRows(1, 3, 18, 3_600, 200));
    }

    @Test
    void withNothingStoredThePagesAreUnknown() {
        RequestEstimate e = ReportEstimate.of(ReadRequest.incremental(Optional.empty()), TODAY, START, 35);

        assertThat(e).isEqualTo(new RequestEstimate.PagesUnknown(4, true, "first run"));
        assertThat(e.requests()).isEmpty();
        assertThat(e.describe()).isEqualTo("4 windows per workspace × pages unknown (first run): at least 4 per workspace,"
                + " one more per further page");
    }
}
