package dev.togglsync.simulator;

/** Not product code: a simulator class that imports the product, on purpose (see {@code ArchitectureTest}). */
public final class ArchViolation {
    dev.togglsync.config.Mode mode;
}
