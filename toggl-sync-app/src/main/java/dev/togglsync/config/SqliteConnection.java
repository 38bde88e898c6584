package dev.togglsync.config;

import java.nio.file.Path;

/** An SQLite database file target (xerial sqlite-jdbc). */
public record SqliteConnection(String name, Path path) implements Connection {
    @Override
    public String type() {
        return "sqlite";
    }
}
