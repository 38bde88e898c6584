package dev.togglsync.target;

import dev.togglsync.TogglSyncException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks for targets that live in local files (DuckDB, SQLite, a folder of files). */
public final class LocalFiles {
    private LocalFiles() {}

    /**
     * Checks, creating nothing, that {@code path} could be created: its nearest existing ancestor
     * is a writable folder. A run calls this before its first request for a target that does not
     * exist yet, and creates it only once Toggl has answered (DESIGN.md §6).
     */
    public static void requireCreatable(Path path, String describe, String what) {
        Path dir = path.toAbsolutePath().getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw TogglSyncException.target(describe + ": cannot create " + what + ": "
                    + (dir == null ? "no existing folder above it" : dir + " is not a writable folder")
                    + "; choose a path in a folder you can write to", null);
        }
    }
}
