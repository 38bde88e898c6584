package dev.togglsync.engine;

import java.time.Duration;
import java.time.Instant;

/** What {@code run --every} tells its front-end (log lines, health, metrics); every method defaults to nothing. */
public interface CycleListener extends RunListener {
    CycleListener NONE = new CycleListener() {};

    /** The cadence in effect, at start and whenever a measured cycle changes it. */
    default void cadence(String explanation, Duration interval) {}

    default void cycleStarted(long cycle, boolean refresh) {}

    default void cycleFinished(CycleReport report) {}

    /** The loop sleeps until {@code until}; {@code why} says so for a log. */
    default void sleeping(Instant until, String why) {}
}
