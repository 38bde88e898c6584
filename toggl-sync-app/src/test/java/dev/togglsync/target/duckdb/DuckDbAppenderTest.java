package dev.togglsync.target.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How duckdb_jdbc's Appender meets transactions, which the DuckDB AppenderWriter relies on: rows appended after
 * a statement has run with auto-commit off belong to that transaction and roll back with it; rows
 * appended before any statement are committed by the appender on its own.
 */
class DuckDbAppenderTest {
    @TempDir
    Path dir;

    private DuckDBConnection writer;
    private Connection reader;

    @BeforeEach
    void open() throws SQLException {
        String url = "jdbc:duckdb:" + dir.resolve("appender.duckdb");
        writer = (DuckDBConnection) DriverManager.getConnection(url);
        execute(writer, "CREATE TABLE t (id BIGINT, doc JSON)");
        reader = DriverManager.getConnection(url);
    }

    @Test
    void rowsAppendedInsideAnActiveTransactionAreRolledBackWithIt() throws Exception {
        writer.setAutoCommit(false);
        execute(writer, "CREATE TEMPORARY TABLE staging (id BIGINT)"); // what a DuckDB load runs first
        appendRows(3000);

        assertThat(count(writer)).isEqualTo(3000);
        assertThat(count(reader)).as("invisible before the commit").isZero();
        writer.rollback();
        assertThat(count(writer)).isZero();
        assertThat(count(reader)).isZero();
    }

    @Test
    void rowsAppendedBeforeAnyStatementCommitOnTheirOwnEvenWithAutoCommitOff() throws Exception {
        writer.setAutoCommit(false);
        appendRows(10);

        assertThat(count(reader)).as("already committed").isEqualTo(10);
        writer.rollback();
        assertThat(count(reader)).isEqualTo(10);
    }

    private void appendRows(int n) throws SQLException {
        try (DuckDBAppender appender = writer.createAppender("main", "t")) {
            for (long i = 0; i < n; i++) {
                appender.beginRow().append(i).append("{\"i\": " + i + "}").endRow();
            }
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
