package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Environment;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.testing.CliRun;
import dev.togglsync.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conns test} against a real PostgreSQL server. */
class ConnsTestPostgresIT {
    private final PostgresServer server = PostgresServer.shared();

    @TempDir
    Path dir;

    private static String url(PostgresConnection db, String password) {
        return "postgresql://" + db.user() + ":" + password + "@" + db.host() + ":" + db.port() + "/" + db.database()
                + "?sslmode=disable";
    }

    @Test
    void createsAndDropsATableInTheSchemaAndLeavesNothing() throws Exception {
        PostgresConnection db = server.newDatabase();
        Environment env = Environment.of(Map.of("MY_PG", url(db, db.password().reveal())), dir, dir);

        CliRun current = CliRun.of(env, "conns", "test", "my_pg");
        CliRun named = CliRun.of(env, "conns", "test", "MY_PG", "--schema", "analytics", "-o", "json");

        assertThat(current).isEqualTo(new CliRun(0, "connected to " + db.masked()
                + "; created and dropped a table in schema public\nsuccess\n", ""));
        assertThat(named.exitCode()).isZero();
        assertThat(named.out()).contains("\"schema\" : \"analytics\"", "\"success\" : true");
        try (Connection c = PostgresServer.open(db);
                ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_name = '_toggl_sync_write_check' OR table_schema = 'analytics'")) {
            r.next();
            assertThat(r.getLong(1)).isZero();
        }
        try (Connection c = PostgresServer.open(db);
                ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'analytics'")) {
            r.next();
            assertThat(r.getLong(1)).as("the schema created for the check is rolled back too").isZero();
        }
    }

    @Test
    void aWrongPasswordExitsFiveWithoutShowingIt() {
        PostgresConnection db = server.newDatabase();
        String wrong = "not-the-password-4711";
        Environment env = Environment.of(Map.of("MY_PG", url(db, wrong)), dir, dir);

        CliRun run = CliRun.of(env, "conns", "test", "MY_PG");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).startsWith("error: postgresql://toggl:****@127.0.0.1:" + db.port() + "/" + db.database()
                + ": cannot connect: ").endsWith("; check the target connection's user and password\n");
        assertThat(run.out() + run.err()).doesNotContain(wrong).doesNotContain(db.password().reveal());
    }
}
