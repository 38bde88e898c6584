package dev.togglsync.target;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check a run makes before its first request for a DuckDB/SQLite file or a folder of files
 * that does not exist yet. Root may write anywhere, so the refusal is shown with a path whose
 * nearest existing "folder" is a regular file: that fails for every user, CI's root included.
 */
class LocalFilesTest {
    @TempDir
    Path dir;

    @Test
    void aMissingPathUnderAWritableFolderMayBeCreatedAndNothingIsCreatedByAsking() {
        Path file = dir.resolve("a/b/toggl.db");

        assertThatCode(() -> LocalFiles.requireCreatable(file, "sqlite://" + file, "the database file"))
                .doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void aPathBelowARegularFileIsATargetErrorNamingWhatCannotBeCreated() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "x");
        Path file = notAFolder.resolve("sub/toggl.duckdb");

        assertThatThrownBy(() -> LocalFiles.requireCreatable(file, "duckdb://" + file, "the database file"))
                .isInstanceOf(TogglSyncException.class)
                .hasMessage("duckdb://" + file + ": cannot create the database file: " + notAFolder
                        + " is not a writable folder; choose a path in a folder you can write to")
                .extracting(e -> ((TogglSyncException) e).exitCode()).isEqualTo(ExitCode.TARGET);
    }
}
