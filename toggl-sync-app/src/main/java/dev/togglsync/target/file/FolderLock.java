package dev.togglsync.target.file;

import dev.togglsync.TogglSyncException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One load at a time per target folder: an OS file lock on {@value #NAME} in the folder, held from
 * the load's start to its end. The OS releases it when the process dies, so a crashed run never
 * leaves it behind; the file itself stays (empty) and means nothing without the lock.
 */
final class FolderLock implements AutoCloseable {
    static final String NAME = ".toggl_sync.lock";
    private static final long POLL_MILLIS = 100;

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code timeout} for the folder's lock; exit 5 naming the lock file when another run keeps it. */
    static FolderLock acquire(Path folder, Duration timeout, String target) {
        Path file = folder.resolve(NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw TogglSyncException.target(target + ": cannot open the lock file " + file + ": " + e.getMessage()
                    + "; check that the folder is writable", e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new FolderLock(channel, lock);
                }
                if (System.nanoTime() - deadline >= 0) {
                    break;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw TogglSyncException.target(target + ": cannot lock " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            throw TogglSyncException.target(target + ": interrupted while waiting for the lock on " + file, e);
        }
        closeQuietly(channel);
        throw TogglSyncException.target(target + ": another toggl-sync run is writing to this folder (it holds the lock"
                + " on " + file + " after " + timeout.toSeconds() + " s of waiting); let it finish, or stop it, then run"
                + " again", null);
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Another load of this same process holds it: as busy as another process.
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases it too.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written through it.
        }
    }
}
