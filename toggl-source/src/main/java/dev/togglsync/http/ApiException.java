package dev.togglsync.http;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;

/**
 * A request that did not succeed: a status that retrying cannot fix (400, 401, 402 for a feature,
 * 403, 404, ...) or a transient failure that outlasted every attempt. The message says which
 * request (method, path and query, never a secret), what came back (status, at most 200
 * characters of body) and how often it was tried. Exit code {@link ExitCode#STREAMS_FAILED}: the
 * stream that sent it fails; callers turn statuses that mean more (401/403 on the user's own
 * data) into their own exceptions.
 */
public final class ApiException extends TogglSyncException {
    private final String method;
    private final String target;
    private final int status;
    private final String body;

    ApiException(Request request, int status, String body, String message) {
        super(ExitCode.STREAMS_FAILED, message);
        this.method = request.method();
        this.target = request.target();
        this.status = status;
        this.body = body;
    }

    public String method() {
        return method;
    }

    /** Path and query, as sent. */
    public String target() {
        return target;
    }

    /** The HTTP status, or 0 when no response arrived (connection failure, timeout). */
    public int status() {
        return status;
    }

    /** At most 200 characters of the response body (a JSON string body unquoted), "" when none. */
    public String body() {
        return body;
    }
}
