package dev.togglsync.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.Secret;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetFailureTest {
    private final TargetFailure failure = new TargetFailure("postgresql://u:****@h:5432/db",
            Optional.of(Secret.of("s3cret")));

    @Test
    void theMessageIsOneLineNamingTargetTableAndStepWithTheSecretScrubbed() {
        SQLException e = new SQLException("ERROR: something about s3cret\n  Detail: more\n  Hint: do X", "XX000");
        TogglSyncException t = failure.of(new TableName("toggl", "items"), "merging", e, null);
        assertThat(t.exitCode()).isEqualTo(ExitCode.TARGET);
        assertThat(t.getMessage()).isEqualTo(
                "postgresql://u:****@h:5432/db: toggl.items: merging: ERROR: something about **** Detail: more Hint: do X");
        assertThat(t.getCause()).isSameAs(e);
    }

    @Test
    void theDatabaseHintMakesWayForOurs() {
        SQLException e = new SQLException("ERROR: cannot drop\n  Detail: view v\n  Hint: Use DROP ... CASCADE", "2BP01");
        assertThat(failure.of("dropping", e, "use mode truncate").getMessage())
                .isEqualTo("postgresql://u:****@h:5432/db: dropping: ERROR: cannot drop Detail: view v; use mode truncate");
    }
}
