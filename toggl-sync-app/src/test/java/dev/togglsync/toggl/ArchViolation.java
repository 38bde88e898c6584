package dev.togglsync.toggl;

/**
 * Not product code: a source class that imports cli, and targets (which import it back: a cycle),
 * on purpose, so that {@code ArchitectureTest} shows its rules catch it.
 */
public final class ArchViolation {
    dev.togglsync.cli.Main command;
    dev.togglsync.target.ArchViolation target;
}
