package dev.togglsync.testing;

import dev.togglsync.http.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sleeps no real time: records each wait and moves the test clock by it. */
public final class RecordingSleeper implements Sleeper {
    private final TestClock clock;
    private final List<Duration> sleeps = new ArrayList<>();

    public RecordingSleeper(TestClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** The waits in whole seconds, for readable assertions. */
    public synchronized List<Long> seconds() {
        return sleeps.stream().map(Duration::toSeconds).toList();
    }
}
