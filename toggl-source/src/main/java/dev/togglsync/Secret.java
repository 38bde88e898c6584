package dev.togglsync;

import java.util.Objects;

/**
 * A secret value (API token, password). {@link #toString()} is masked so that a secret that
 * slips into a log line or message shows as {@code ****}; only {@link #reveal()} gives the value,
 * and only code that must send it (HTTP auth, JDBC connect) calls it.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
