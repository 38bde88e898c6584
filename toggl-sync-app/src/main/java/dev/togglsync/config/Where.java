package dev.togglsync.config;

import dev.togglsync.TogglSyncException;

/**
 * Where a configuration value was read: the file or variable ({@code source}) and the key path
 * inside it. Every configuration error is built from one, so each message starts with the place
 * to look: {@code replication.yaml: streams.time_entries.mode: ...}.
 */
record Where(String source, String path) {
    static Where of(String source) {
        return new Where(source, "");
    }

    Where key(String key) {
        return new Where(source, path.isEmpty() ? key : path + "." + key);
    }

    Where index(int i) {
        return new Where(source, path + "[" + i + "]");
    }

    /** An INVALID_INPUT failure at this place; {@code what} says what is wrong and how to fix it. */
    TogglSyncException error(String what) {
        return TogglSyncException.invalidInput(this + ": " + what);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? source : source + ": " + path;
    }
}
