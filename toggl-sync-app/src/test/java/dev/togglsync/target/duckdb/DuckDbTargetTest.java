package dev.togglsync.target.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.Mode;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.testing.TestTargets;
import dev.togglsync.target.Target;
import dev.togglsync.target.TargetContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The target contract against a real DuckDB file, plus what only DuckDB does. */
class DuckDbTargetTest extends TargetContract {
    @TempDir
    Path dir;

    private Path file;

    @Override
    protected void freshDatabase() {
        file = dir.resolve("nested/dirs/target.duckdb");
    }

    @Override
    protected Target openTarget(Clock clock) {
        return new DuckDbTarget(new DuckDbConnection("DUCK", file), clock);
    }

    @Override
    protected Connection openReader() throws SQLException {
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        // The same file opened again in this JVM shares DuckDB's database instance, as a reader
        // connection in another thread of the same process would.
        return DriverManager.getConnection("jdbc:duckdb:" + file);
    }

    @Override
    protected String reportedTypeName(ColumnType type) {
        return TestTargets.DUCKDB.typeName(type);
    }

    @Override
    protected String tableIdentitySql() {
        return "SELECT table_oid FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?";
    }

    @Override
    protected String stateTable() {
        return "main._toggl_sync_state";
    }

    @Test
    void theFileAndItsParentDirectoriesAreCreated() {
        assertThat(file).doesNotExist();
        load(target(), TABLE, SCHEMA, Mode.FULL_REFRESH, rows(1), state(1));
        assertThat(Files.isRegularFile(file)).isTrue();
    }

    @Test
    void theDefaultFileNameAndTheSchemaOfTheSameNameDoNotClash() throws Exception {
        // duckdb://toggl.duckdb names its catalog "toggl"; the default objects are toggl.<stream>.
        file = dir.resolve("toggl.duckdb");
        Target t = target();
        for (Mode mode : Mode.values()) {
            load(t, TABLE, SCHEMA, mode, rows(1, 2), state(1));
        }
        assertThat(longs(reader(), "SELECT count(*) FROM toggl.toggl.items")).containsExactly(4L); // 2 replaced, truncated, upserted, then 2 appended
        assertThat(t.states()).hasSize(1);
    }

    @Test
    void fullRefreshCreatesANewTableObject() throws Exception {
        Target t = target();
        load(t, TABLE, SCHEMA, Mode.FULL_REFRESH, rows(1), state(1));
        Object before = tableIdentity(reader(), TABLE);
        load(t, TABLE, SCHEMA, Mode.FULL_REFRESH, rows(2), state(2));
        assertThat(tableIdentity(reader(), TABLE)).isNotEqualTo(before);
    }
}
