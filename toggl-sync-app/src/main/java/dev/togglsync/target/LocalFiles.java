package dev.togglsync.target;

import dev.togglsync.TogglSyncException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Checks for targets that live in local files (DuckDB, SQLite, a folder of files). */
public final class LocalFiles {
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_READ_WRITE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

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

    /**
     * Creates {@code path} empty with mode 0600, before anything is written to it: the file will
     * hold the account's data, and a database or DuckDB's {@code COPY} would create it with the
     * umask's mode, usually 0644. The kernel applies the umask to the mode asked for, so a stricter
     * umask (0277: 0400) wins. An existing file is left as it is: whoever shared it meant to.
     *
     * @return whether the file was created here
     */
    public static boolean createPrivate(Path path) throws IOException {
        try {
            if (posix(path)) {
                Files.createFile(path, OWNER_READ_WRITE);
            } else {
                Files.createFile(path);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /**
     * Takes every group, other and execute bit off {@code path}, for files a library creates
     * itself where it cannot be handed an empty one; what the umask already removed stays removed.
     */
    public static void makePrivate(Path path) throws IOException {
        if (!posix(path)) {
            return;
        }
        Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
        mode.addAll(Files.getPosixFilePermissions(path));
        mode.retainAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        Files.setPosixFilePermissions(path, mode);
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
