package dev.togglsync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18, finding 10: the test server trusted every local TCP client as superuser; now every
 * role needs its password, the superuser included.
 */
@Timeout(120)
class PostgresServerAuthIT {
    @Test
    void noRoleGetsInWithoutItsPassword() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        for (String user : new String[] {"postgres", PostgresServer.USER}) {
            Properties props = new Properties();
            props.setProperty("user", user);
            SQLException refused = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", props).close());
            assertThat((Throwable) refused).as(user + " without a password").isNotNull();
            assertThat(refused.getMessage()).containsAnyOf("password", "SCRAM");

            props.setProperty("password", "wrong");
            refused = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", props).close());
            assertThat((Throwable) refused).as(user + " with a wrong password").isNotNull();
        }
        try (Connection c = PostgresServer.open(server.connection("PG"))) {
            assertThat(c.isValid(5)).isTrue();
        }
    }
}
