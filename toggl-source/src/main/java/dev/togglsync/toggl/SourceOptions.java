package dev.togglsync.toggl;

import dev.togglsync.http.HttpListener;
import dev.togglsync.http.HttpSettings;
import dev.togglsync.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TogglSource} runs, apart from the connection: time, waiting, progress, timeouts.
 * Tests pass a fake clock and sleeper so that an hour of quota waiting takes no time.
 */
public record SourceOptions(
        Clock clock, Sleeper sleeper, HttpListener listener, Duration connectTimeout, Duration requestTimeout) {
    public SourceOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** The system clock, real sleeping, no progress display, 10 s to connect, 60 s per response. */
    public static SourceOptions defaults() {
        return new SourceOptions(Clock.systemUTC(), Sleeper.SYSTEM, HttpListener.NONE,
                HttpSettings.DEFAULT_CONNECT_TIMEOUT, HttpSettings.DEFAULT_REQUEST_TIMEOUT);
    }

    public SourceOptions withClock(Clock clock) {
        return new SourceOptions(clock, sleeper, listener, connectTimeout, requestTimeout);
    }

    public SourceOptions withSleeper(Sleeper sleeper) {
        return new SourceOptions(clock, sleeper, listener, connectTimeout, requestTimeout);
    }

    public SourceOptions withListener(HttpListener listener) {
        return new SourceOptions(clock, sleeper, listener, connectTimeout, requestTimeout);
    }

    public SourceOptions withTimeouts(Duration connectTimeout, Duration requestTimeout) {
        return new SourceOptions(clock, sleeper, listener, connectTimeout, requestTimeout);
    }
}
