package dev.togglsync;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A secret value (API token, password). {@link #toString()} is masked so that a secret that
 * slips into a log line or message shows as {@code ****}; only {@link #reveal()} gives the value,
 * and only code that must send it (HTTP auth, JDBC connect) calls it.
 */
public final class Secret {
    /** The scheme word of {@link #basicAuth()}; what follows it is the Base64 credentials. */
    public static final String BASIC = "Basic ";

    private final String value;
    /**
     * {@link #basicAuth()}, computed on first use and kept: the transport sends it with every
     * request and the error scrubber looks for it in every error text. Two threads racing compute
     * equal strings; either may win.
     */
    private String basicAuth;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    /**
     * The {@code Authorization} header value Toggl expects for this API token: Basic
     * {@code token:api_token}, the token as user name and the word {@code api_token} as password
     * (toggl-api.md §2). Like {@link #reveal()}, only for code that sends it or scrubs it from text.
     */
    public String basicAuth() {
        String header = basicAuth;
        if (header == null) {
            header = BASIC + Base64.getEncoder().encodeToString((value + ":api_token").getBytes(StandardCharsets.UTF_8));
            basicAuth = header;
        }
        return header;
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
