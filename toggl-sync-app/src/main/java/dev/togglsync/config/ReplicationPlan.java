package dev.togglsync.config;

import dev.togglsync.toggl.TogglStream;
import dev.togglsync.schema.StreamSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a run does, validated before any request: the source and target (connection names, or a
 * URL for the target) and the streams in dependency order ({@link TogglStream#all()}'s order).
 *
 * @param source the Toggl connection name, upper-case
 * @param target a connection name (upper-case) or a database URL
 * @param env the replication file's {@code env:} map, as written (not applied to anything yet)
 */
public record ReplicationPlan(String source, String target, List<PlannedStream> streams, Map<String, String> env) {
    public ReplicationPlan {
        streams = List.copyOf(streams);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    public ReplicationPlan(String source, String target, List<PlannedStream> streams) {
        this(source, target, streams, Map.of());
    }

    public Optional<PlannedStream> stream(String name) {
        return streams.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<String> streamNames() {
        return streams.stream().map(PlannedStream::name).collect(Collectors.toList());
    }

    /** Every stream in {@code mode} ({@code run --mode}); incremental streams get their cursor as update key. */
    public ReplicationPlan withMode(Mode mode) {
        List<PlannedStream> changed = new ArrayList<>();
        for (PlannedStream s : streams) {
            PlannedStream m = s.withMode(mode);
            StreamRules.checkKeysSelected(m, Where.of("--mode " + mode.yamlName()));
            changed.add(m);
        }
        return new ReplicationPlan(source, target, changed, env);
    }

    /**
     * Only the named streams ({@code run --streams a,b}; globs like {@code time_*} allowed), in plan
     * order. A name that is no stream, or a stream this plan does not have, is an error.
     */
    public ReplicationPlan onlyStreams(List<String> names) {
        List<String> wanted = new ArrayList<>();
        for (StreamSpec spec : StreamNames.parse("", "--streams", names)) {
            wanted.add(spec.name());
        }
        for (String raw : names) {
            // A stream named outright must be in the plan; a glob takes what the plan has.
            if (!raw.isBlank() && !StreamNames.isGlob(raw)) {
                String name = StreamNames.match(raw, Where.of("--streams " + raw.strip())).get(0).name();
                if (stream(name).isEmpty()) {
                    throw Where.of("--streams " + name).error("not in this replication's streams (planned: "
                            + String.join(", ", streamNames()) + "); add it to the replication file's streams");
                }
            }
        }
        List<PlannedStream> kept = streams.stream().filter(s -> wanted.contains(s.name())).collect(Collectors.toList());
        if (kept.isEmpty()) {
            throw Where.of("--streams").error("matches none of this replication's streams (planned: "
                    + String.join(", ", streamNames()) + ")");
        }
        return new ReplicationPlan(source, target, kept, env);
    }
}
