package dev.togglsync.target.file;

import java.io.IOException;
import dev.togglsync.target.LocalFiles;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Files put in place whole: written under a temporary name in the same folder, flushed to disk,
 * then renamed over the final name. A rename within one file system is atomic, so a reader (or a
 * crash) finds the old file or the new one under the final name, never part of one. The temporary
 * file is created 0600 before anything is written to it (issue 18, finding 9), so the renamed file
 * is private too.
 */
final class AtomicFiles {
    /** Temporary files start with this, and end with {@link #TEMP_SUFFIX}: ".time_entries.parquet.tmp-UUID". */
    static final String TEMP_SUFFIX = ".tmp-";

    private AtomicFiles() {}

    /** A fresh temporary name next to {@code target}. */
    static Path temporaryFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + TEMP_SUFFIX + UUID.randomUUID());
    }

    /**
     * Writes {@code bytes} to {@code target} through a temporary file, first removing what a killed
     * writer of the same file left (callers hold the folder's lock, so no live writer's file).
     */
    static void replace(Path target, byte[] bytes) throws IOException {
        removeLeftovers(target);
        Path temp = temporaryFor(target);
        try {
            if (!LocalFiles.createPrivate(temp)) {
                throw new FileAlreadyExistsException(temp.toString());
            }
            Files.write(temp, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Flushes {@code temp} to disk and renames it over {@code target}. */
    static void moveIntoPlace(Path temp, Path target) throws IOException {
        try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Deletes temporary files that a crashed run left next to {@code target}; they were never
     * renamed, so nothing refers to them.
     */
    static void removeLeftovers(Path target) throws IOException {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + target.getFileName() + TEMP_SUFFIX;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().startsWith(prefix)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
