package dev.togglsync;

/**
 * The one exception family of toggl-sync. Each failure carries the exit code it ends the process
 * with; the message is a single line that says where, what, and how to fix it, and never carries a
 * secret.
 *
 * <p>Failures are made by the named factories below, one per {@link ExitCode} a failure can end
 * with, so a reader sees the outcome at the throw site; the constructors are for subclasses that
 * carry more detail ({@code ApiException}, {@code QuotaExhaustedException}).
 */
public class TogglSyncException extends RuntimeException {
    private final ExitCode exitCode;

    protected TogglSyncException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    protected TogglSyncException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** Exit 2: a flag, a file or a connection the user can fix. */
    public static TogglSyncException invalidInput(String message) {
        return new TogglSyncException(ExitCode.INVALID_INPUT, message);
    }

    /** Exit 2, keeping the I/O failure behind it for {@code -d}. */
    public static TogglSyncException invalidInput(String message, Throwable cause) {
        return new TogglSyncException(ExitCode.INVALID_INPUT, message, cause);
    }

    /** Exit 3: Toggl refused the credentials; every later request would be refused too. */
    public static TogglSyncException authentication(String message) {
        return new TogglSyncException(ExitCode.AUTHENTICATION, message);
    }

    /** Exit 3, keeping the refused request behind it. */
    public static TogglSyncException authentication(String message, Throwable cause) {
        return new TogglSyncException(ExitCode.AUTHENTICATION, message, cause);
    }

    /** Exit 5: the target database or files failed. */
    public static TogglSyncException target(String message, Throwable cause) {
        return new TogglSyncException(ExitCode.TARGET, message, cause);
    }

    /** Exit 6: one stream could not be read; the others go on. */
    public static TogglSyncException streamFailed(String message) {
        return new TogglSyncException(ExitCode.STREAMS_FAILED, message);
    }

    /** Exit 1: none of the above, such as an interrupt; the message still says where it happened. */
    public static TogglSyncException unexpected(String message) {
        return new TogglSyncException(ExitCode.UNEXPECTED, message);
    }

    /** A failure that follows from an earlier one: it ends with the same exit code, and keeps it as the cause. */
    public static TogglSyncException causedBy(TogglSyncException earlier, String message) {
        return new TogglSyncException(earlier.exitCode(), message, earlier);
    }
}
