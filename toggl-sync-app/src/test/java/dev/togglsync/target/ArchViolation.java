package dev.togglsync.target;

/** Not product code: a target class that imports the Toggl source, on purpose (see {@code ArchitectureTest}). */
public final class ArchViolation {
    dev.togglsync.toggl.ArchViolation source;
    dev.togglsync.toggl.TogglSource reader;
}
