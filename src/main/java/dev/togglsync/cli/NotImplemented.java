package dev.togglsync.cli;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;

/** Commands whose issue has not landed yet answer with this. */
final class NotImplemented {
    private NotImplemented() {}

    static TogglSyncException of(String command) {
        return new TogglSyncException(ExitCode.UNEXPECTED, command + ": not implemented yet");
    }
}
