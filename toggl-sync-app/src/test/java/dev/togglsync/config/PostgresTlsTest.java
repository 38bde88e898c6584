package dev.togglsync.config;

import static dev.togglsync.config.Fixtures.assertInvalid;
import static dev.togglsync.config.Fixtures.env;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, findings 4 and 5: a remote PostgreSQL server is verified by default, TLS settings
 * travel as JDBC properties, and no host or database name can add a parameter to the JDBC URL.
 */
class PostgresTlsTest {
    @TempDir
    Path dir;

    private PostgresConnection target(String url) {
        return (PostgresConnection) Connections.load(env(dir, Map.of())).target(url, "--target");
    }

    @Test
    void aRemoteServerIsVerifiedByDefaultALoopbackOneIsNot() {
        assertThat(target("postgresql://u:p@db.example.com/d").effectiveSslMode()).isEqualTo("verify-full");
        assertThat(target("postgresql://u:p@10.0.0.5:5433/d").jdbcProperties().getProperty("sslmode")).isEqualTo("verify-full");
        assertThat(target("postgresql://u:p@127.0.0.1/d").effectiveSslMode()).isEqualTo("prefer");
        assertThat(target("postgresql://u:p@localhost/d").effectiveSslMode()).isEqualTo("prefer");
        assertThat(target("postgresql://u:p@[::1]/d").effectiveSslMode()).isEqualTo("prefer");
        // What the user wrote wins, either way.
        assertThat(target("postgresql://u:p@db.example.com/d?sslmode=require").effectiveSslMode()).isEqualTo("require");
        assertThat(target("postgresql://u:p@127.0.0.1/d?sslmode=verify-full").effectiveSslMode()).isEqualTo("verify-full");
    }

    @Test
    void sslmodeIsAPropertyNeverPartOfTheJdbcUrl() {
        PostgresConnection c = target("postgresql://u:p@db.example.com:6543/d?sslmode=verify-ca");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/d");
        assertThat(c.jdbcProperties()).containsEntry("sslmode", "verify-ca").containsEntry("user", "u")
                .containsEntry("password", "p").doesNotContainKey("sslrootcert");
    }

    @Test
    void sslrootcertIsAcceptedInTheUrlAndTheMapAndMustBeReadable() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertThat(target("postgresql://u:p@db.example.com/d?sslmode=verify-full&sslrootcert=" + ca).jdbcProperties())
                .containsEntry("sslrootcert", ca.toString()).containsEntry("sslmode", "verify-full");
        Connections c = Connections.load(env(dir, Map.of("PG", "{ type: postgres, host: db.example.com, user: u,"
                + " database: d, sslrootcert: '" + ca + "' }")));
        assertThat(((PostgresConnection) c.get("PG", "t")).jdbcProperties()).containsEntry("sslrootcert", ca.toString());

        assertInvalid(() -> target("postgresql://u:p@h/d?sslrootcert=" + dir.resolve("missing.pem")),
                "--target: 'postgresql://u:****@h/d?sslrootcert=" + dir.resolve("missing.pem") + "': sslrootcert '"
                        + dir.resolve("missing.pem") + "' is not a readable file; give the path of the PEM file of the"
                        + " server's CA (example: sslrootcert=/etc/ssl/db-ca.pem)");
    }

    @Test
    void aDatabaseNameCannotSmuggleJdbcParameters() {
        // Percent-decoded, this database name was "toggl?currentSchema=injschema&sslmode=disable".
        assertInvalid(() -> target("postgresql://u:p@db.example.com/toggl%3FcurrentSchema%3Dinjschema%26sslmode%3Ddisable"),
                "--target: 'postgresql://u:****@db.example.com/toggl%3FcurrentSchema%3Dinjschema%26sslmode%3Ddisable':"
                        + " database 'toggl?currentSchema=injschema&sslmode=disable' contains '?'; a database name may not"
                        + " contain any of ?&/# (they would add parameters to the JDBC URL); write the plain database name");
        for (String bad : new String[] {"a%26b", "a%23b", "a%2Fb"}) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> target("postgresql://u:p@h/" + bad)))
                    .hasMessageContaining("a database name may not contain any of ?&/#");
        }
        Connections map = Connections.load(env(dir, Map.of(
                "PG_DB", "{ type: postgres, host: h, user: u, database: 'd?sslmode=disable' }",
                "PG_HOST", "{ type: postgres, host: 'h/d?sslmode=disable#', user: u, database: d }")));
        assertThat(map.entry("PG_DB").orElseThrow().description()).contains("database 'd?sslmode=disable' contains '?'");
        assertThat(map.entry("PG_HOST").orElseThrow().description()).contains("host 'h/d?sslmode=disable#' contains '/'");
    }

    @Test
    void otherCharactersInADatabaseNameAreEncodedSoPgjdbcReadsTheSameName() {
        PostgresConnection c = target("postgresql://u:p@h/my%20db+%25x");
        assertThat(c.database()).isEqualTo("my db+%x");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/my+db%2B%25x");
    }
}
