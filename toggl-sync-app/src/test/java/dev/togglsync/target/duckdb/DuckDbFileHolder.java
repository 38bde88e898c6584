package dev.togglsync.target.duckdb;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Run in a separate JVM by {@link DuckDbLockTest}: opens a DuckDB file, which takes DuckDB's file
 * lock, says so on stdout, and holds it until its stdin closes.
 */
public final class DuckDbFileHolder {
    private DuckDbFileHolder() {}

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS held (id BIGINT)");
            System.out.println("holding");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our stdin
            }
        }
    }
}
