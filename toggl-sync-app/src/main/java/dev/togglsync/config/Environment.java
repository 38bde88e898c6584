package dev.togglsync.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the process was started with: environment variables, home and working directories, and the
 * clock. {@link #system()} is the one place that reads the real ones; everything else takes an
 * {@code Environment}, so tests pass their own.
 *
 * @param variables the environment variables
 * @param homeDir the user's home directory ({@code ~/.toggl-sync} lives there)
 * @param workDir the working directory ({@code .env.sling}, relative DuckDB paths)
 * @param clock the time source (future anchor dates, {@code {run_timestamp}})
 */
public record Environment(Map<String, String> variables, Path homeDir, Path workDir, Clock clock) {
    /** Overrides the folder of env.yaml (default {@code ~/.toggl-sync}). */
    public static final String HOME_DIR_VARIABLE = "TOGGL_SYNC_HOME_DIR";
    /** Alone, defines the source connection {@code TOGGL_TRACK}. */
    public static final String API_TOKEN_VARIABLE = "TOGGL_API_TOKEN";

    public Environment {
        variables = Map.copyOf(variables);
        homeDir = homeDir.toAbsolutePath().normalize();
        workDir = workDir.toAbsolutePath().normalize();
    }

    /** The real process environment. */
    public static Environment system() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")),
                Path.of(System.getProperty("user.dir")), Clock.systemUTC());
    }

    public static Environment of(Map<String, String> variables, Path homeDir, Path workDir) {
        return new Environment(variables, homeDir, workDir, Clock.systemUTC());
    }

    public Environment withClock(Clock newClock) {
        return new Environment(variables, homeDir, workDir, newClock);
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** The folder of env.yaml: {@code $TOGGL_SYNC_HOME_DIR}, else {@code ~/.toggl-sync}. */
    public Path configDir() {
        return variable(HOME_DIR_VARIABLE)
                .filter(v -> !v.isBlank())
                .map(v -> workDir.resolve(v).normalize())
                .orElse(homeDir.resolve(".toggl-sync"));
    }

    public Path envYaml() {
        return configDir().resolve("env.yaml");
    }

    /** How messages name env.yaml: {@code ~/.toggl-sync/env.yaml} when it is under home, else its full path. */
    public String envYamlLabel() {
        Path file = envYaml();
        return file.startsWith(homeDir) ? "~/" + homeDir.relativize(file) : file.toString();
    }

    /** The user this process runs as: the only owner whose {@code .env.sling} is read. */
    public String userName() {
        return System.getProperty("user.name");
    }

    /** Never lists the variables: some of them hold tokens and passwords. */
    @Override
    public String toString() {
        return "Environment[homeDir=" + homeDir + ", workDir=" + workDir + ", " + variables.size() + " variables]";
    }
}
