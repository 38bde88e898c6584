package dev.togglsync.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The demo simulator's clock: stopped at midnight UTC of today while the simulator generates its
 * dataset, then running in real time. The dataset is generated around the clock's "now", so a
 * stopped start makes every demo of the same day see the same account (same ids, times and
 * {@code at} values): a second demo then finds exactly its own changes since the first one's cursor,
 * not a whole dataset shifted by the minutes in between. Released, the clock stamps those changes
 * with the real time, after that cursor.
 */
final class DemoClock extends Clock {
    private volatile Instant stoppedAt;

    DemoClock(Instant realNow) {
        this.stoppedAt = realNow.truncatedTo(ChronoUnit.DAYS);
    }

    /** The instant the dataset was generated around. */
    Instant dataAnchor() {
        Instant s = stoppedAt;
        return s == null ? Instant.now().truncatedTo(ChronoUnit.DAYS) : s;
    }

    /** From now on, real time. */
    void release() {
        stoppedAt = null;
    }

    @Override
    public Instant instant() {
        Instant s = stoppedAt;
        return s != null ? s : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the demo clock is UTC only");
    }
}
