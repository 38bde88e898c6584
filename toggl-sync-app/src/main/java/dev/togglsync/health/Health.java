package dev.togglsync.health;

import dev.togglsync.config.DurationText;
import dev.togglsync.engine.CycleListener;
import dev.togglsync.engine.CycleReport;
import dev.togglsync.http.HttpListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code GET /healthz} answers: healthy while the last successful cycle finished less than
 * 3 × the cycle interval ago. The interval is the one in effect (the budget may have made it longer
 * than --every: measuring against --every would then report a healthy loop as failing).
 */
public final class Health implements CycleListener, HttpListener {
    static final int MISSED_CYCLES = 3;

    /** @param reason why not healthy; empty when healthy */
    public record Status(boolean healthy, Optional<String> reason, Optional<Instant> lastSuccess, long cycles) {}

    private final Clock clock;
    private Duration interval;
    private Instant lastSuccess;
    private long cycles;
    private String lastFailure;
    private String lastWait;
    private long runningCycle;

    public Health(Clock clock, Duration every) {
        this.clock = clock;
        this.interval = every;
    }

    @Override
    public synchronized void cadence(String explanation, Duration interval) {
        this.interval = interval;
    }

    @Override
    public synchronized void cycleStarted(long cycle, boolean refresh) {
        runningCycle = cycle;
        lastWait = null;
    }

    @Override
    public synchronized void waiting(String reason, Duration duration) {
        lastWait = reason + ", waiting " + DurationText.format(duration);
    }

    @Override
    public synchronized void cycleFinished(CycleReport report) {
        cycles = report.cycle();
        runningCycle = 0;
        if (report.succeeded()) {
            lastSuccess = report.finishedAt();
            lastFailure = null;
        } else {
            lastFailure = "cycle " + report.cycle() + " failed: " + report.failure().orElse(report.outcome().name());
        }
    }

    public synchronized Status status() {
        Instant now = clock.instant();
        Duration allowed = interval.multipliedBy(MISSED_CYCLES);
        if (lastSuccess != null && !now.isAfter(lastSuccess.plus(allowed))) {
            return new Status(true, Optional.empty(), Optional.of(lastSuccess), cycles);
        }
        StringBuilder why = new StringBuilder(lastSuccess == null ? "no cycle has succeeded yet"
                : "last success " + DurationText.format(Duration.between(lastSuccess, now)) + " ago, more than "
                        + MISSED_CYCLES + " x " + DurationText.format(interval));
        if (lastFailure != null) {
            why.append("; ").append(lastFailure);
        }
        if (runningCycle > 0) {
            why.append("; cycle ").append(runningCycle).append(" running");
            if (lastWait != null) {
                why.append(" (").append(lastWait).append(')');
            }
        }
        return new Status(false, Optional.of(why.toString()), Optional.ofNullable(lastSuccess), cycles);
    }
}
