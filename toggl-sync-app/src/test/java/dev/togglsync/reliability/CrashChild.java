package dev.togglsync.reliability;

import dev.togglsync.cli.Main;

/**
 * The process the crash trials kill: the real command line ({@code toggl-sync <args>}) with the
 * process's own environment, working directory and home, as a user would start it. It says when
 * the JVM is up, so the trial log can tell a kill during start-up from one during the run.
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) {
        System.out.println(ChildRun.STARTED);
        System.out.flush();
        Main.main(args);
    }
}
