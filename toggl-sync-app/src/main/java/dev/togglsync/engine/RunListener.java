package dev.togglsync.engine;

/** Hooks for progress output; every method defaults to doing nothing. */
public interface RunListener {
    RunListener NONE = new RunListener() {};

    default void streamStarted(PlannedLoad load) {}

    default void rowsLoaded(PlannedLoad load, long rows) {}

    default void streamFinished(StreamReport report) {}
}
