package dev.togglsync.cli;

import dev.togglsync.engine.PlannedLoad;
import dev.togglsync.engine.RunListener;
import dev.togglsync.engine.StreamReport;
import dev.togglsync.http.HttpListener;
import dev.togglsync.http.RequestEvent;
import dev.togglsync.http.Sleeper;
import dev.togglsync.toggl.SourceOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Progress of a run on stderr (DESIGN.md §8): per stream the pages, rows, requests and the quota
 * left, and a countdown while the HTTP layer waits for a quota reset or a retry.
 *
 * <p>Two renderings. On a terminal ({@code live}) one line is rewritten in place with a carriage
 * return, and each finished stream leaves one permanent line. Elsewhere (CI logs, files) nothing is
 * rewritten: one line when a stream starts, one when it finishes, one per wait, and for a long
 * stream one line every {@value #PLAIN_EVERY_SECONDS} s, so that a log stays readable.
 *
 * <p>It listens to both layers: the engine says which stream runs and how many rows it loaded, the
 * HTTP layer says what each request got and when it waits. {@link #sourceOptions} wires it into a
 * source. Events arrive on the one thread that runs the streams; the methods are synchronized only
 * so that a stray call from elsewhere cannot tear a line.
 */
final class ProgressDisplay implements RunListener, HttpListener, AutoCloseable {
    static final long PLAIN_EVERY_SECONDS = 5;
    /** Live lines longer than a narrow terminal would wrap, and a carriage return cannot rewrite a wrapped line. */
    static final int LIVE_WIDTH = 79;
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PrintWriter err;
    private final boolean live;
    private final Clock clock;
    private final boolean silent;

    private String stream;
    private long pages;
    private long rows;
    private long requests;
    private OptionalLong quotaLeft = OptionalLong.empty();
    private Instant lastPlainLine;
    private int liveLength;
    /** The wait announced by the HTTP layer and not yet over: what the countdown shows. */
    private String waitReason;
    private Instant waitUntil;

    ProgressDisplay(PrintWriter err, boolean live, Clock clock) {
        this(err, live, clock, false);
    }

    private ProgressDisplay(PrintWriter err, boolean live, Clock clock, boolean silent) {
        this.err = err;
        this.live = live;
        this.clock = clock;
        this.silent = silent;
    }

    /**
     * Progress for a command: live when stderr is a terminal, plain lines otherwise, nothing with
     * {@code -q}.
     */
    static ProgressDisplay forCommand(PrintWriter err, boolean quiet) {
        ProgressDisplay display = new ProgressDisplay(err, System.console() != null, Clock.systemUTC(), quiet);
        if (display.live && !quiet) {
            // A warning logged mid-stream starts on a fresh line; the next event redraws the live one.
            Logging.beforeEachLine(display::clearLiveLine);
        }
        return display;
    }

    /** {@code base} with this display as the HTTP listener and a sleeper that counts waits down. */
    SourceOptions sourceOptions(SourceOptions base) {
        if (silent) {
            return base;
        }
        return base.withListener(this).withSleeper(countdown(base.sleeper()));
    }

    /**
     * Sleeps as {@code next} does, but on a terminal an announced wait (quota reset, retry) is slept
     * a second at a time so that the countdown moves. Pacing sleeps are not announced and pass as they are.
     */
    Sleeper countdown(Sleeper next) {
        return duration -> {
            boolean counting;
            synchronized (this) {
                counting = live && waitReason != null;
            }
            if (!counting) {
                next.sleep(duration);
                return;
            }
            Duration left = duration;
            while (!left.isZero() && !left.isNegative()) {
                Duration step = left.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : left;
                next.sleep(step);
                left = left.minus(step);
                tick();
            }
        };
    }

    @Override
    public void streamStarted(PlannedLoad load) {
        streamStarted(load.name());
    }

    @Override
    public void rowsLoaded(PlannedLoad load, long rows) {
        rows(rows);
    }

    @Override
    public void streamFinished(StreamReport report) {
        streamFinished(report.stream(), report.status().label(), report.rows(), report.requests(), report.elapsed());
    }

    @Override
    public void requestSent(RequestEvent event) {
        requestSent(event.status(), event.quotaRemaining());
    }

    synchronized void streamStarted(String name) {
        if (silent) {
            return;
        }
        stream = name;
        pages = 0;
        rows = 0;
        requests = 0;
        waitReason = null;
        if (live) {
            render();
        } else {
            line(name + ": started");
            lastPlainLine = clock.instant();
        }
    }

    /** A response arrived (status 0: none did); 2xx responses are the stream's pages. */
    synchronized void requestSent(int status, OptionalLong quotaRemaining) {
        if (silent) {
            return;
        }
        requests++;
        if (status >= 200 && status < 300) {
            pages++;
        }
        if (quotaRemaining.isPresent()) {
            quotaLeft = quotaRemaining;
        }
        waitReason = null;
        update();
    }

    /** Rows of the current stream so far. */
    synchronized void rows(long soFar) {
        if (silent) {
            return;
        }
        rows = soFar;
        update();
    }

    /** The HTTP layer is about to wait {@code duration}; the countdown runs until the next request. */
    @Override
    public synchronized void waiting(String reason, Duration duration) {
        if (silent) {
            return;
        }
        Instant now = clock.instant();
        waitReason = reason;
        waitUntil = now.plus(duration);
        if (live) {
            render();
        } else {
            line(prefix() + "waiting " + seconds(duration) + " until " + CLOCK_TIME.format(waitUntil) + " UTC (" + reason + ")");
            lastPlainLine = now;
        }
    }

    /** Re-renders the countdown; called about once a second while a wait is being slept. */
    synchronized void tick() {
        if (live && waitReason != null) {
            render();
        }
    }

    /** The stream's line of record, with the engine's counts (the ones the summary shows). */
    synchronized void streamFinished(String name, String status, long finalRows, long finalRequests, Duration elapsed) {
        if (silent) {
            return;
        }
        waitReason = null;
        String done = name + ": " + status + ", " + count(finalRows, "row") + ", " + count(finalRequests, "request")
                + quota() + String.format(Locale.ROOT, ", %.1f s", elapsed.toMillis() / 1000.0);
        if (live) {
            clearLive();
        }
        line(done);
        stream = null;
    }

    /** Ends a live line so that what follows (the summary) starts on a fresh line. */
    @Override
    public synchronized void close() {
        if (live && !silent) {
            clearLive();
            Logging.beforeEachLine(null);
        }
    }

    private synchronized void clearLiveLine() {
        clearLive();
    }

    private void update() {
        if (stream == null) {
            return;
        }
        if (live) {
            render();
            return;
        }
        Instant now = clock.instant();
        if (lastPlainLine == null || Duration.between(lastPlainLine, now).getSeconds() >= PLAIN_EVERY_SECONDS) {
            line(status());
            lastPlainLine = now;
        }
    }

    private String status() {
        return prefix() + "page " + pages + ", " + count(rows, "row") + ", " + count(requests, "request") + quota();
    }

    /** The retry's words in a wait reason (http.Retry): "..., attempt 3 of 5 next". */
    private static final Pattern RETRY_ATTEMPT = Pattern.compile("attempt (\\d+) of (\\d+) next");

    private String prefix() {
        return stream == null ? "" : stream + ": ";
    }

    private String quota() {
        return quotaLeft.isPresent() ? ", quota " + quotaLeft.getAsLong() + " left" : "";
    }

    private void render() {
        String text = stream == null ? "" : status();
        if (waitReason != null) {
            // While waiting, the wait is the news, not the page count: "retrying in 20 s, attempt 3
            // of 5 (HTTP 429 on ...)" for a retry, "waiting 1:05 (quota ...)" for a quota reset.
            Duration left = Duration.between(clock.instant(), waitUntil);
            String time = countdown(left.isNegative() ? Duration.ZERO : left);
            Matcher retry = RETRY_ATTEMPT.matcher(waitReason);
            text = prefix() + (retry.find()
                    ? "retrying in " + time + ", attempt " + retry.group(1) + " of " + retry.group(2)
                    : "waiting " + time) + " (" + waitReason + ")";
        }
        if (text.length() > LIVE_WIDTH) {
            text = text.substring(0, LIVE_WIDTH - 3) + "...";
        }
        StringBuilder out = new StringBuilder("\r").append(text);
        // Blanks over what the previous, longer text left behind.
        out.append(" ".repeat(Math.max(0, liveLength - text.length())));
        err.print(out);
        err.flush();
        liveLength = text.length();
    }

    private void clearLive() {
        if (liveLength > 0) {
            err.print("\r" + " ".repeat(liveLength) + "\r");
            err.flush();
            liveLength = 0;
        }
    }

    private void line(String text) {
        err.println(text);
        err.flush();
    }

    static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    private static String seconds(Duration d) {
        return Math.max(0, (d.toMillis() + 999) / 1000) + " s";
    }

    /** "38 s", "59:58", "1:00:00": what a countdown reads at a glance. */
    static String countdown(Duration d) {
        long s = (d.toMillis() + 999) / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
