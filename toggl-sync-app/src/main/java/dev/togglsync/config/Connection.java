package dev.togglsync.config;

/**
 * A named, validated connection (DESIGN.md §2): the Toggl source or a database target.
 * {@code toString()} of every implementation masks its secrets.
 */
public sealed interface Connection permits TogglConnection, PostgresConnection, DuckDbConnection, SqliteConnection,
        FileConnection {
    /** The upper-case connection name. */
    String name();

    /** The connection's type as written in configuration: api, postgres, duckdb, sqlite, file. */
    String type();
}
