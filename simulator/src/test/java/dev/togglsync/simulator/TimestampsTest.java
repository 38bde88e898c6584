package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** toggl-api.md §7.2: the per-field spellings, checked against values from the recorded samples. */
class TimestampsTest {
    @Test
    void spellings() {
        assertThat(Timestamps.utcSeconds(Instant.parse("2024-12-16T17:05:25.9Z"))).isEqualTo("2024-12-16T17:05:25+00:00");
        assertThat(Timestamps.utcMicros(Instant.parse("2024-12-16T02:24:56.566700Z"))).isEqualTo("2024-12-16T02:24:56.5667Z");
        assertThat(Timestamps.utcMicros(Instant.parse("2024-12-16T18:07:05.694469Z"))).isEqualTo("2024-12-16T18:07:05.694469Z");
        assertThat(Timestamps.utcMicros(Instant.parse("2024-12-16T18:07:05Z"))).isEqualTo("2024-12-16T18:07:05Z");
        assertThat(Timestamps.utcSecondsZ(Instant.parse("2024-12-12T00:00:00Z"))).isEqualTo("2024-12-12T00:00:00Z");
        assertThat(Timestamps.zoned(Instant.parse("2024-07-30T08:13:46Z"), ZoneId.of("Europe/Helsinki")))
                .isEqualTo("2024-07-30T11:13:46+03:00");
        assertThat(Timestamps.zoned(Instant.parse("2024-01-30T08:13:46Z"), ZoneId.of("America/St_Johns")))
                .isEqualTo("2024-01-30T04:43:46-03:30");
    }
}
