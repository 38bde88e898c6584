package dev.togglsync.connect;

/**
 * Not product code: a connector class that imports the application's side (a stand-in of
 * {@code report}, which imports it back: a cycle) and the catalogue type outside
 * {@code StreamCatalogue}, on purpose, so that {@code ConnectArchitectureTest} shows its rules catch it.
 */
public final class ArchViolation {
    dev.togglsync.report.ArchViolation report;
    dev.togglsync.toggl.TogglStream stream;
}
