package dev.togglsync.target.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.DuckDbConnection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DuckDB file held by another process: the target fails at once with exit 5 and says why. */
class DuckDbLockTest {
    @TempDir
    Path dir;

    @Test
    void aFileOpenInAnotherProcessIsExit5NamingTheLock() throws Exception {
        Path file = dir.resolve("toggl.duckdb");
        Process holder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DuckDbFileHolder.class.getName(), file.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("holding");

            DuckDbConnection config = new DuckDbConnection("DUCK", file);
            assertThatThrownBy(() -> new DuckDbTarget(config, Clock.systemUTC())).isInstanceOfSatisfying(TogglSyncException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.TARGET);
                assertThat(e.getMessage()).startsWith("duckdb://" + file + ": the database file is locked by another"
                        + " process (another toggl-sync run?); let it finish, or stop it, then run again (")
                        .contains("PID " + holder.pid());
            });
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        new DuckDbTarget(new DuckDbConnection("DUCK", file), Clock.systemUTC()).close(); // free again once the holder is gone
    }
}
