package dev.togglsync.target;

import dev.togglsync.state.StreamState;

/** One row of {@code _toggl_sync_state}. */
public record StoredState(String connection, String stream, StreamState state) {}
