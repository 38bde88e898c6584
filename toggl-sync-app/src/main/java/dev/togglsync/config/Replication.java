package dev.togglsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.toggl.TogglStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sling's replication YAML (DESIGN.md §3) → a validated {@link ReplicationPlan}.
 *
 * <p>Which entry configures a stream: its explicit entry, else the first glob that matches it (in
 * file order), else {@code '*'}, as Sling does: an explicit entry replaces the wildcard entry, it is
 * not merged with it. The chosen entry's keys are laid over {@code defaults}, then over the
 * built-in defaults ({@value #DEFAULT_OBJECT}, full-refresh, the stream's declared key).
 */
public final class Replication {
    public static final String DEFAULT_SOURCE = "TOGGL_TRACK";
    public static final String DEFAULT_TARGET = DuckDbConnection.DEFAULT_URL;
    /** Where a stream goes when neither the stream nor defaults name an object: schema toggl, one table per stream. */
    public static final String DEFAULT_OBJECT = "toggl.{stream_name}";
    public static final Mode DEFAULT_MODE = Mode.FULL_REFRESH;
    static final List<String> KEYS = List.of("source", "target", "defaults", "streams", "env");

    private Replication() {}

    /** Reads and validates a replication file; messages name it as {@code file} was given. */
    public static ReplicationPlan load(Path file, Clock clock) {
        String label = file.toString();
        return plan(Yaml.read(file, label), label, clock);
    }

    /** Validates replication YAML text; {@code label} names it in messages (e.g. replication.yaml). */
    public static ReplicationPlan parse(String label, String yaml, Clock clock) {
        return plan(Yaml.parse(yaml, label), label, clock);
    }

    /**
     * The object of the default plan: a table per stream in DuckDB's default schema, so that
     * {@code SELECT * FROM time_entries} just works. Not {@value #DEFAULT_OBJECT}: in the file
     * {@code toggl.duckdb} (catalog "toggl") a schema "toggl" makes DuckDB reject {@code toggl.projects}
     * as an ambiguous name.
     */
    public static final String DEFAULT_PLAN_OBJECT = "{stream_name}";

    /**
     * The plan of {@code run} without {@code -r}: the streams of {@code '*'} from TOGGL_TRACK into
     * {@value #DEFAULT_TARGET}, time_entries incremental, the rest full-refresh, objects {@value #DEFAULT_PLAN_OBJECT}.
     */
    public static ReplicationPlan defaultPlan() {
        List<PlannedStream> streams = new ArrayList<>();
        for (StreamSpec spec : TogglStream.star()) {
            Mode mode = spec.incremental() ? Mode.INCREMENTAL : Mode.FULL_REFRESH;
            streams.add(new PlannedStream(spec, mode, spec.name(), spec.primaryKey(),
                    mode == Mode.INCREMENTAL ? spec.cursorField() : Optional.empty(), List.of(), Map.of(), Map.of()));
        }
        return new ReplicationPlan(DEFAULT_SOURCE, DEFAULT_TARGET, streams);
    }

    /** A mode as written in YAML or {@code --mode}; {@code where} names the place for the message. */
    public static Mode parseMode(String value, String where) {
        return Mode.parse(value).orElseThrow(() -> TogglSyncException.invalidInput(where + ": '" + value
                + "' is not a mode" + Suggest.didYouMean(value, names()) + "; use one of: " + Mode.names()));
    }

    private static ReplicationPlan plan(JsonNode root, String label, Clock clock) {
        Where file = Where.of(label);
        if (root.isMissingNode() || root.isNull()) {
            throw file.error("is empty; it needs at least streams (example: source: TOGGL_TRACK, target: MY_POSTGRES, "
                    + "streams: { '*': })");
        }
        Nodes.requireMap(root, file, "source: TOGGL_TRACK");
        Nodes.checkKeys(root, file, KEYS);
        String source = Nodes.field(root, "source")
                .map(n -> Nodes.text(n, file.key("source"), "source: TOGGL_TRACK").strip().toUpperCase(Locale.ROOT))
                .orElse(DEFAULT_SOURCE);
        String target = Nodes.field(root, "target")
                .map(n -> Nodes.text(n, file.key("target"), "target: MY_POSTGRES").strip())
                .map(t -> t.contains("://") ? t : t.toUpperCase(Locale.ROOT))
                .orElse(DEFAULT_TARGET);
        Map<String, String> env = env(root, file.key("env"));
        StreamSettings defaults = StreamSettings.parse(root.get("defaults"), file.key("defaults"));
        Where streamsAt = file.key("streams");
        JsonNode streams = Nodes.field(root, "streams")
                .map(n -> Nodes.requireMap(n, streamsAt, "streams: { '*': }"))
                .filter(n -> n.size() > 0)
                .orElseThrow(() -> streamsAt.error("required; list the streams to replicate, or '*' for all (available: "
                        + TogglStream.names() + ")"));

        // For each stream, the entry that configures it: explicit beats any glob, a glob beats '*'.
        Map<String, StreamSettings> explicit = new HashMap<>();
        Map<String, StreamSettings> byGlob = new HashMap<>();
        Map<String, StreamSettings> byStar = new HashMap<>();
        streams.properties().forEach(e -> {
            Where at = streamsAt.key(e.getKey());
            StreamSettings settings = StreamSettings.parse(e.getValue(), at);
            for (StreamSpec matched : StreamNames.match(e.getKey(), at)) {
                String name = matched.name();
                if (!StreamNames.isGlob(e.getKey())) {
                    explicit.put(name, settings);
                } else if (e.getKey().equals("*")) {
                    byStar.put(name, settings);
                } else {
                    byGlob.putIfAbsent(name, settings);
                }
            }
        });

        Instant runTime = clock.instant();
        List<PlannedStream> planned = new ArrayList<>();
        Map<String, String> objects = new LinkedHashMap<>();
        for (StreamSpec spec : TogglStream.specs()) {
            StreamSettings chosen = explicit.getOrDefault(spec.name(), byGlob.getOrDefault(spec.name(), byStar.get(spec.name())));
            if (chosen == null) {
                continue;
            }
            StreamSettings s = defaults.under(chosen);
            if (s.disabled() != null && s.disabled().value()) {
                continue;
            }
            PlannedStream p = StreamRules.resolve(spec, s, source, runTime);
            String other = objects.putIfAbsent(p.object().toLowerCase(Locale.ROOT), p.name());
            if (other != null) {
                throw streamsAt.error(other + " and " + p.name() + " both write to " + p.object()
                        + "; give each stream its own object (use {stream_name})");
            }
            planned.add(p);
        }
        if (planned.isEmpty()) {
            throw streamsAt.error("every listed stream is disabled; enable at least one");
        }
        return new ReplicationPlan(source, target, planned, env);
    }

    private static Map<String, String> env(JsonNode root, Where where) {
        Map<String, String> env = new LinkedHashMap<>();
        Nodes.field(root, "env").ifPresent(node -> {
            Nodes.requireMap(node, where, "env: { SCHEMA: toggl }");
            node.properties().forEach(e -> env.put(e.getKey(),
                    e.getValue().isNull() ? "" : Nodes.scalar(e.getValue(), where.key(e.getKey()), "SCHEMA: toggl")));
        });
        return env;
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Mode m : Mode.values()) {
            names.add(m.yamlName());
        }
        return names;
    }
}
