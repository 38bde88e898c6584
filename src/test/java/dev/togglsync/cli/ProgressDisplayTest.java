package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.simulator.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-15T12:00:00Z"));
    private final StringWriter err = new StringWriter();

    private ProgressDisplay display(boolean live) {
        return new ProgressDisplay(new PrintWriter(err, true), live, clock);
    }

    @Test
    void plainLinesAreOnePerStartFinishAndWaitPlusOneEveryFiveSeconds() {
        ProgressDisplay p = display(false);

        p.streamStarted("projects");
        for (int page = 1; page <= 12; page++) {
            clock.advance(Duration.ofSeconds(1));
            p.requestSent(200, OptionalLong.of(600 - page));
            p.rows(page * 200L);
        }
        p.waiting("HTTP 429 on GET /api/v9/workspaces/1/projects?page=13, attempt 2 of 5 next", Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        p.requestSent(200, OptionalLong.of(587));
        p.rows(2_500);
        clock.advance(Duration.ofMillis(500));
        p.streamFinished("projects", 2_500, "ok");

        assertThat(err.toString()).isEqualTo(""
                + "projects: started\n"
                + "projects: page 5, 800 rows, 5 requests, quota 595 left\n"
                + "projects: page 10, 1,800 rows, 10 requests, quota 590 left\n"
                + "projects: waiting 10 s until 12:00:22 UTC (HTTP 429 on GET /api/v9/workspaces/1/projects?page=13, attempt 2 of 5 next)\n"
                + "projects: page 13, 2,400 rows, 13 requests, quota 587 left\n"
                + "projects: ok, 2,500 rows, 13 requests, quota 587 left, 22.5 s\n");
    }

    @Test
    void aShortStreamIsTwoLines() {
        ProgressDisplay p = display(false);

        p.streamStarted("me");
        p.requestSent(200, OptionalLong.empty());
        p.rows(1);
        p.streamFinished("me", 1, "ok");

        assertThat(err.toString()).isEqualTo("me: started\nme: ok, 1 row, 1 request, 0.0 s\n");
    }

    @Test
    void liveRewritesOneLineAndCountsDownAWait() {
        ProgressDisplay p = display(true);

        p.streamStarted("tags");
        p.requestSent(200, OptionalLong.of(29));
        p.rows(30);
        p.waiting("quota of organization 7 used up", Duration.ofSeconds(65));
        clock.advance(Duration.ofSeconds(1));
        p.tick();
        clock.advance(Duration.ofSeconds(60));
        p.tick();
        p.streamFinished("tags", 30, "ok");
        p.close();

        String[] frames = err.toString().split("\r", -1);
        assertThat(frames).contains(
                "tags: page 0, 0 rows, 0 requests",
                "tags: page 1, 0 rows, 1 request, quota 29 left",
                "tags: page 1, 30 rows, 1 request, quota 29 left",
                "tags: page 1, 30 rows, 1 request, quota 29 left; waiting 1:05 (quota of orga...",
                "tags: page 1, 30 rows, 1 request, quota 29 left; waiting 1:04 (quota of orga...",
                "tags: page 1, 30 rows, 1 request, quota 29 left; waiting 4 s (quota of organ...");
        // The finished stream's line replaces the live one, which is blanked first.
        assertThat(frames[frames.length - 2]).isBlank();
        assertThat(frames[frames.length - 1]).isEqualTo("tags: ok, 30 rows, 1 request, quota 29 left, 61.0 s\n");
        for (String frame : frames) {
            assertThat(frame.stripTrailing().length()).isLessThanOrEqualTo(ProgressDisplay.LIVE_WIDTH);
        }
    }

    @Test
    void countdownReadsAtAGlance() {
        assertThat(ProgressDisplay.countdown(Duration.ofMillis(38_200))).isEqualTo("39 s");
        assertThat(ProgressDisplay.countdown(Duration.ofSeconds(3_598))).isEqualTo("59:58");
        assertThat(ProgressDisplay.countdown(Duration.ofSeconds(3_600))).isEqualTo("1:00:00");
    }
}
