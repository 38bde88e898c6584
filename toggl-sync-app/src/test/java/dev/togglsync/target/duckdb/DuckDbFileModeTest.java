package dev.togglsync.target.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.DuckDbConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18, finding 9: the file that holds the whole account is readable by its owner only. */
class DuckDbFileModeTest {
    @TempDir
    Path dir;

    @Test
    void aNewDatabaseFileIsMade0600BeforeAnyDataIsWritten() throws Exception {
        Path file = dir.resolve("sub/toggl.duckdb");
        new DuckDbTarget(new DuckDbConnection("DUCK", file), Clock.systemUTC()).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT 42")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void anExistingFileKeepsItsMode() throws IOException {
        Path file = dir.resolve("shared.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            c.createStatement().execute("CREATE TABLE t (x INT)");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        new DuckDbTarget(new DuckDbConnection("DUCK", file), Clock.systemUTC()).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }
}
