package dev.togglsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.http.QuotaBucket;
import dev.togglsync.http.RequestEvent;
import dev.togglsync.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The --quota-budget ledger: what it counts, when a cycle fits again, and that its memory stays bounded. */
class QuotaBudgetTest {
    private static final Instant START = Instant.parse("2026-12-07T10:00:00.250Z");
    private static final QuotaBucket ORG = QuotaBucket.organization(7);

    private final TestClock clock = new TestClock(START);
    private final QuotaBudget budget = new QuotaBudget(clock, 50);

    @Test
    void aCycleThatWouldPassTheAllowanceFitsWhenTheOldestRequestsHaveAgedOutOfTheHour() {
        for (int i = 0; i < 15; i++) {
            budget.requestSent(sent(ORG));
            clock.advance(Duration.ofSeconds(10));
        }

        assertThat(budget.spent(ORG)).isEqualTo(15);
        // Free's 30 an hour until Toggl says more, 50 %: 15 allowed, all spent; the second oldest request
        // (10:00:10.25) must leave the hour for two more: at the end of its second plus an hour.
        assertThat(budget.fitsAt(Map.of(ORG, 2), clock.instant())).contains(Instant.parse("2026-12-07T11:00:11Z"));
        assertThat(budget.fitsAt(Map.of(ORG, 16), clock.instant())).as("more than the allowance never fits").isEmpty();

        clock.advance(Duration.ofMinutes(57).plusSeconds(35));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-07T11:00:05.250Z"));
        assertThat(budget.spent(ORG)).as("an hour after the end of its second, the first request no longer counts")
                .isEqualTo(14);
    }

    @Test
    void theBucketSizeIsLearnedFromRemainingPlusOwnRequestsOfTheWindow() {
        for (int i = 0; i < 10; i++) {
            budget.requestSent(sent(ORG));
            clock.advance(Duration.ofSeconds(1));
        }
        // Toggl's window started with our first request; 590 left of a 600 bucket, 3,590 s to the reset.
        budget.requestSent(new RequestEvent("GET", "/api/v9/workspaces/1/projects", ORG, 200, Duration.ZERO,
                OptionalLong.of(589), OptionalLong.of(3590)));

        // Our 11 requests minus the one in the window's first second (left out to stay on the safe side).
        assertThat(budget.total(ORG)).isEqualTo(589 + 10);
        assertThat(budget.allowance(ORG)).isEqualTo(299);
    }

    @Test
    void memoryIsBoundedBySecondsNotRequests() {
        // --every 10ms with a quota that never binds: 100 requests a second for 70 minutes.
        for (int second = 0; second < 70 * 60; second++) {
            for (int i = 0; i < 100; i++) {
                budget.requestSent(sent(QuotaBucket.USER));
                clock.advance(Duration.ofMillis(10));
            }
        }

        assertThat(budget.slots(QuotaBucket.USER)).isLessThanOrEqualTo(3_601);
        assertThat(budget.spent(QuotaBucket.USER)).isBetween(359_900L, 360_100L);
    }

    private static RequestEvent sent(QuotaBucket bucket) {
        return new RequestEvent("GET", "/api/v9/me/time_entries", bucket, 200, Duration.ZERO, OptionalLong.empty(),
                OptionalLong.empty());
    }
}
