package dev.togglsync.config;

import java.nio.file.Path;

/** An embedded DuckDB file target. */
public record DuckDbConnection(String name, Path path) implements Connection {
    public static final String DEFAULT_URL = "duckdb://toggl.duckdb";

    @Override
    public String type() {
        return "duckdb";
    }
}
