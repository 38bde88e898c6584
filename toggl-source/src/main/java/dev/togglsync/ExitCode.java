package dev.togglsync;

/** The process exit codes of DESIGN.md §8. The CLI is the only place that turns failures into these. */
public enum ExitCode {
    SUCCESS(0),
    UNEXPECTED(1),
    INVALID_INPUT(2),
    AUTHENTICATION(3),
    QUOTA_EXHAUSTED(4),
    TARGET(5),
    STREAMS_FAILED(6),
    /** Stopped by SIGINT (Ctrl-C): 128 + 2, as shells report it. Committed streams stay; a rerun resumes. */
    INTERRUPTED(130),
    /** Stopped by SIGTERM: 128 + 15. */
    TERMINATED(143);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
