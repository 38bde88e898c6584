package dev.togglsync.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The replication modes of DESIGN.md §3, spelled as in Sling's YAML. */
public enum Mode {
    FULL_REFRESH("full-refresh"),
    TRUNCATE("truncate"),
    INCREMENTAL("incremental"),
    SNAPSHOT("snapshot");

    private final String yamlName;

    Mode(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<Mode> parse(String name) {
        return Arrays.stream(values()).filter(m -> m.yamlName.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(Mode::yamlName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
