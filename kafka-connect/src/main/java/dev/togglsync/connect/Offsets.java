package dev.togglsync.connect;

import dev.togglsync.state.StreamState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Source partitions and offsets (DESIGN.md §10), as small versioned values with explicit to/from
 * conversion, in the manner of kafka-connect-jdbc's {@code TimestampIncrementingOffset}.
 *
 * <p>Partition {@code {account, workspace, stream}}: {@code workspace} is {@code "*"} when the
 * account syncs all its workspaces, else its {@code workspace_ids} as written ("1,2"); the source
 * reads a stream across those workspaces in one pass, so that pass is the unit an offset
 * describes. Offset = the stream's {@link StreamState}: {@code {version, cursor?, synced_at, rows}}.
 * Example for time_entries: {@code {"version":1, "cursor":"2025-03-10T11:40:55Z",
 * "synced_at":"2025-03-10T12:00:03Z", "rows":3}}; the next read asks {@code since} = cursor − 60 s.
 * An offset with no {@code synced_at} means "never synced" (what a read's earlier records carry
 * on a first run; only its last record carries the new state, see {@link AccountReader}).
 */
final class Offsets {
    static final String ACCOUNT = "account";
    static final String WORKSPACE = "workspace";
    static final String STREAM = "stream";
    static final String ALL_WORKSPACES = "*";

    static final String VERSION = "version";
    static final String CURSOR = "cursor";
    static final String SYNCED_AT = "synced_at";
    static final String ROWS = "rows";

    private Offsets() {}

    static Map<String, String> partition(String account, List<Long> workspaceIds, String stream) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(ACCOUNT, account);
        p.put(WORKSPACE, workspaceIds.isEmpty() ? ALL_WORKSPACES
                : String.join(",", workspaceIds.stream().map(String::valueOf).toList()));
        p.put(STREAM, stream);
        return p;
    }

    static Map<String, Object> offset(Optional<StreamState> state) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(VERSION, StreamState.VERSION);
        state.ifPresent(s -> {
            s.cursor().ifPresent(c -> o.put(CURSOR, c.toString()));
            o.put(SYNCED_AT, s.syncedAt().toString());
            o.put(ROWS, s.rows());
        });
        return o;
    }

    /**
     * The state an offset holds; empty for "never synced". {@link IllegalArgumentException} names
     * the field and the fix, for {@code alterOffsets} and for a task that finds a damaged offset.
     */
    static Optional<StreamState> state(Map<String, ?> offset) {
        if (offset == null) {
            return Optional.empty();
        }
        Object version = offset.get(VERSION);
        if (!(version instanceof Number n) || n.intValue() != StreamState.VERSION) {
            throw new IllegalArgumentException("offset " + VERSION + " " + version + " is not supported (this build reads "
                    + StreamState.VERSION + "); write {\"" + VERSION + "\": " + StreamState.VERSION + ", ...} or null to reset");
        }
        if (offset.get(SYNCED_AT) == null) {
            return Optional.empty();
        }
        try {
            Optional<Instant> cursor = offset.get(CURSOR) == null ? Optional.empty()
                    : Optional.of(Instant.parse(String.valueOf(offset.get(CURSOR))));
            Instant syncedAt = Instant.parse(String.valueOf(offset.get(SYNCED_AT)));
            long rows = offset.get(ROWS) instanceof Number r ? r.longValue() : 0;
            return Optional.of(new StreamState(cursor, syncedAt, rows));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("offset has a malformed timestamp '" + e.getParsedString()
                    + "'; give ISO-8601 UTC instants such as 2025-03-10T11:40:55Z");
        }
    }

    /** Checks an operator's partition for {@code alterOffsets}; returns what is wrong, or empty. */
    static Optional<String> checkPartition(Map<String, ?> partition) {
        for (String key : List.of(ACCOUNT, WORKSPACE, STREAM)) {
            if (!(partition.get(key) instanceof String)) {
                return Optional.of("partition " + partition + ": '" + key + "' must be a string; a partition is {\""
                        + ACCOUNT + "\": name, \"" + WORKSPACE + "\": \"*\" or \"id,id\", \"" + STREAM + "\": stream}");
            }
        }
        String stream = (String) partition.get(STREAM);
        if (StreamCatalogue.find(stream).isEmpty()) {
            return Optional.of("partition " + partition + ": unknown stream '" + stream + "'; available: " + StreamCatalogue.names());
        }
        return Optional.empty();
    }
}
