package dev.togglsync.config;

/**
 * Where {@code conns set NAME secrets.api_token=-} gets the value: typed at a prompt without echo
 * when stdin is a terminal, else one line of stdin. A secret given this way never appears in
 * {@code ps} or in the shell's history.
 */
@FunctionalInterface
public interface SecretInput {
    /** The value for {@code key} (as written, e.g. {@code secrets.api_token}), without its line end. */
    String read(String key);
}
