package dev.togglsync.cli;

import picocli.CommandLine.Option;

/**
 * {@code -o/--output text|json}, shared by every command that reports something: text for people,
 * one JSON document on stdout for scripts (progress and warnings stay on stderr either way).
 */
final class OutputOption {
    enum Format { text, json }

    @Option(names = {"-o", "--output"}, paramLabel = "text|json",
            description = "text (default) or json: one JSON document on stdout")
    Format format = Format.text;

    boolean json() {
        return format == Format.json;
    }
}
