package dev.togglsync.engine;

/** How one stream of a run ended. */
public enum StreamStatus {
    /** Rows and state committed. */
    SUCCESS,
    /** The stream failed; its table and state are as before the run. */
    FAILED,
    /** Not attempted because the run stopped earlier (authentication, quota, target failure). */
    NOT_RUN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
