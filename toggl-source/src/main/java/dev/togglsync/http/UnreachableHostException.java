package dev.togglsync.http;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;

/**
 * The Toggl host could not be reached before it had answered once (unknown host, connection
 * refused, TLS handshake failed). Every later request would fail the same way, so the run stops
 * (exit {@link ExitCode#STREAMS_FAILED}) instead of waiting out each stream's backoff.
 */
public final class UnreachableHostException extends TogglSyncException {
    private final String target;

    UnreachableHostException(Request request, String message) {
        super(ExitCode.STREAMS_FAILED, message);
        this.target = request.target();
    }

    /** Path and query of the request that could not be sent. */
    public String target() {
        return target;
    }
}
