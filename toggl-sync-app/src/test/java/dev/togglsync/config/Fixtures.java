package dev.togglsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared test helpers: a fixed clock, environments over temp folders, exact-message assertions. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Fixtures() {}

    /** An environment whose home and working directory are {@code dir}/home and {@code dir}/work. */
    static Environment env(Path dir, Map<String, String> variables) {
        try {
            Files.createDirectories(dir.resolve("home"));
            Files.createDirectories(dir.resolve("work"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Environment(variables, dir.resolve("home"), dir.resolve("work"), CLOCK);
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts a configuration error: exit code 2 and exactly {@code message}; returns it. */
    static TogglSyncException assertInvalid(ThrowingCallable call, String message) {
        TogglSyncException e = catchThrowableOfType(TogglSyncException.class, call);
        assertThat(e).as("expected a TogglSyncException with message: %s", message).isNotNull();
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.exitCode().code()).isEqualTo(2);
        return e;
    }
}
