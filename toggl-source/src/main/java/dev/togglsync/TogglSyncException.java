package dev.togglsync;

/**
 * The one exception family of toggl-sync. Each failure carries the exit code it ends the process
 * with; the message is a single line that says where, what, and how to fix it, and never carries a
 * secret.
 */
public class TogglSyncException extends RuntimeException {
    private final ExitCode exitCode;

    public TogglSyncException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public TogglSyncException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static TogglSyncException invalidInput(String message) {
        return new TogglSyncException(ExitCode.INVALID_INPUT, message);
    }

    public static TogglSyncException authentication(String message) {
        return new TogglSyncException(ExitCode.AUTHENTICATION, message);
    }

    public static TogglSyncException target(String message, Throwable cause) {
        return new TogglSyncException(ExitCode.TARGET, message, cause);
    }
}
