package dev.togglsync.cli;

import picocli.CommandLine.Option;

/**
 * {@code -q} and {@code -d}, mixed into every command. {@link Main} reads {@code -d} before the
 * command runs, to install the log handler at that level; commands that show progress read
 * {@link #quiet}.
 */
final class LoggingOptions {
    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (warnings and errors still show).")
    boolean quiet;

    @Option(names = {"-d", "--debug"}, description = "Logs each request (method, path, status, time) and stack traces.")
    boolean debug;
}
