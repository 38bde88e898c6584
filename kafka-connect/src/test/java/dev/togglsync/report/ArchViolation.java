package dev.togglsync.report;

/**
 * Not product code: a stand-in for the application's {@code report} package, which this module
 * cannot see, so that the connector's {@code ArchViolation} has something forbidden to import.
 */
public final class ArchViolation {
    dev.togglsync.connect.ArchViolation connector;
}
