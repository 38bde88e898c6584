package dev.togglsync.cli;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.SecretInput;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The values of {@code KEY=-}: on a terminal, a prompt on the console that does not echo; otherwise
 * one line of standard input per {@code -}, in the order the keys were given (so a script pipes
 * {@code printf '%s\n' "$TOKEN"}). Either way the secret is not in the process's arguments.
 */
final class StdinSecrets implements SecretInput {
    private final Console console;
    private final InputStream stdin;
    private BufferedReader lines;

    StdinSecrets(Console console, InputStream stdin) {
        this.console = console;
        this.stdin = stdin;
    }

    static StdinSecrets system() {
        return new StdinSecrets(System.console(), System.in);
    }

    @Override
    public String read(String key) {
        if (console != null) {
            char[] typed = console.readPassword("%s (not shown): ", key);
            return typed == null ? null : new String(typed);
        }
        try {
            if (lines == null) {
                lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            }
            return lines.readLine();
        } catch (IOException e) {
            throw TogglSyncException.invalidInput("conns set: " + key + "=-: cannot read standard input (" + e.getMessage()
                    + "); pipe the value or run in a terminal");
        }
    }
}
