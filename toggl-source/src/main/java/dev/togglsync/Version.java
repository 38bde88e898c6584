package dev.togglsync;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version and commit, read once from the resource Maven filters at build time. */
public final class Version {
    private static final Properties BUILD = load();

    private Version() {}

    public static String get() {
        return BUILD.getProperty("version", "dev");
    }

    /**
     * The commit the build came from, "abc1234567" or "abc1234567-dirty" (uncommitted changes), or
     * "unknown" when it was built outside a git repository.
     */
    public static String commit() {
        String commit = BUILD.getProperty("commit", "");
        if (commit.isBlank() || commit.startsWith("${")) {
            return "unknown";
        }
        return "true".equals(BUILD.getProperty("dirty")) ? commit + "-dirty" : commit;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/toggl-sync-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // No resource, no version: "dev" and "unknown" say so.
        }
        return p;
    }
}
