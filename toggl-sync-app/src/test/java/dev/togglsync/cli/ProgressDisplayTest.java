package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.simulator.ManualClock;
import dev.togglsync.http.Sleeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        p.streamFinished("projects", "success", 2_500, 13, Duration.ofMillis(22_500));

        assertThat(err.toString()).isEqualTo(""
                + "projects: started\n"
                + "projects: page 5, 800 rows, 5 requests, quota 595 left\n"
                + "projects: page 10, 1,800 rows, 10 requests, quota 590 left\n"
                + "projects: waiting 10 s until 12:00:22 UTC (HTTP 429 on GET /api/v9/workspaces/1/projects?page=13, attempt 2 of 5 next)\n"
                + "projects: page 13, 2,400 rows, 13 requests, quota 587 left\n"
                + "projects: success, 2,500 rows, 13 requests, quota 587 left, 22.5 s\n");
    }

    @Test
    void aShortStreamIsTwoLines() {
        ProgressDisplay p = display(false);

        p.streamStarted("me");
        p.requestSent(200, OptionalLong.empty());
        p.rows(1);
        p.streamFinished("me", "success", 1, 1, Duration.ofMillis(12));

        assertThat(err.toString()).isEqualTo("me: started\nme: success, 1 row, 1 request, 0.0 s\n");
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
        p.streamFinished("tags", "success", 30, 1, Duration.ofSeconds(61));
        p.close();

        String[] frames = err.toString().split("\r", -1);
        assertThat(frames).contains(
                "tags: page 0, 0 rows, 0 requests",
                "tags: page 1, 0 rows, 1 request, quota 29 left",
                "tags: page 1, 30 rows, 1 request, quota 29 left",
                "tags: waiting 1:05 (quota of organization 7 used up)",
                "tags: waiting 1:04 (quota of organization 7 used up)",
                "tags: waiting 4 s (quota of organization 7 used up) "); // one blank over the longer "1:04"
        // The finished stream's line replaces the live one, which is blanked first.
        assertThat(frames[frames.length - 2]).isBlank();
        assertThat(frames[frames.length - 1]).isEqualTo("tags: success, 30 rows, 1 request, quota 29 left, 61.0 s\n");
        for (String frame : frames) {
            assertThat(frame.stripTrailing().length()).isLessThanOrEqualTo(ProgressDisplay.LIVE_WIDTH);
        }
    }

    @Test
    void onATerminalAnAnnouncedWaitIsSleptASecondAtATimeSoTheCountdownMoves() {
        ProgressDisplay p = display(true);
        List<Duration> slept = new ArrayList<>();
        Sleeper sleeper = p.countdown(d -> {
            slept.add(d);
            clock.advance(d);
        });

        p.streamStarted("time_entries");
        sleeper.sleep(Duration.ofMillis(50)); // pacing: not announced
        p.waiting("HTTP 429 on GET /api/v9/me/time_entries, attempt 2 of 5 next", Duration.ofMillis(2_500));
        sleeper.sleep(Duration.ofMillis(2_500));

        assertThat(slept).containsExactly(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500));
        // A retry wait says so, with the attempt, instead of the page count (issue 16).
        assertThat(err.toString()).contains("time_entries: retrying in 3 s, attempt 2 of 5 (HTTP 429",
                "retrying in 2 s, attempt 2 of 5 (HTTP 429", "retrying in 1 s, attempt 2 of 5 (HTTP 429",
                "retrying in 0 s, attempt 2 of 5 (HTTP 429");
    }

    @Test
    void inALogAWaitIsOneSleep() {
        ProgressDisplay p = display(false);
        List<Duration> slept = new ArrayList<>();
        Sleeper sleeper = p.countdown(slept::add);

        p.streamStarted("time_entries");
        p.waiting("quota", Duration.ofSeconds(1_800));
        sleeper.sleep(Duration.ofSeconds(1_800));

        assertThat(slept).containsExactly(Duration.ofSeconds(1_800));
    }

    @Test
    void countdownReadsAtAGlance() {
        assertThat(ProgressDisplay.countdown(Duration.ofMillis(38_200))).isEqualTo("39 s");
        assertThat(ProgressDisplay.countdown(Duration.ofSeconds(3_598))).isEqualTo("59:58");
        assertThat(ProgressDisplay.countdown(Duration.ofSeconds(3_600))).isEqualTo("1:00:00");
    }
}
