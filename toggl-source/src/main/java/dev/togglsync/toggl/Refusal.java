package dev.togglsync.toggl;

/**
 * What it means when Toggl refuses one of a stream's requests with a 402 about a feature or a 403
 * (DESIGN.md §7), declared per stream in {@link TogglStream}. Quota 402s never get here: the
 * quota gate waits them out or stops the run resumably.
 *
 * @param action what the source does
 * @param reason why, in words: the warning of a skip ends with it ("...: a feature of a paid plan; skipped")
 */
record Refusal(Action action, String reason) {
    enum Action {
        /** The token is not accepted for the user's own data: the run stops at once, exit code 3. */
        AUTHENTICATION_FAILED,
        /** The stream fails, its message naming method, path, status and body. */
        STREAM_FAILS,
        /** The workspace (or organization) the request addressed is skipped with a warning; the others still count. */
        SKIP
    }

    /** A refused token: the message says "check secrets.api_token". */
    static final Refusal BAD_TOKEN = new Refusal(Action.AUTHENTICATION_FAILED, "Toggl refused the API token");
    static final Refusal FAILS = new Refusal(Action.STREAM_FAILS, "the stream cannot be read without it");
    /** A paid feature this workspace's plan lacks. */
    static final Refusal PAID_FEATURE = skip("a feature of a paid plan");

    static Refusal skip(String reason) {
        return new Refusal(Action.SKIP, reason);
    }
}
