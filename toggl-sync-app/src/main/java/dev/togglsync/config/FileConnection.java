package dev.togglsync.config;

import java.nio.file.Path;

/**
 * A folder of files, one per stream (DESIGN.md §2): Parquet, CSV or JSON lines by the object's
 * extension, written through the embedded DuckDB's {@code COPY ... TO}.
 *
 * @param folder the folder the objects' paths are relative to; created when missing
 */
public record FileConnection(String name, Path folder) implements Connection {
    @Override
    public String type() {
        return "file";
    }
}
