package dev.togglsync.engine;

import dev.togglsync.config.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code run --every} remembers between cycles: per stream read from a cursor, the rows its
 * commits wrote lately, by key. Why: an incremental read asks again from 60 s before the cursor
 * (time_entries' overlap, DESIGN.md §6), so the newest entries come back every cycle although
 * nothing changed, and each such cycle ran a whole load (staging table, merge, catalog reads) to
 * upsert rows equal to what the table holds. A row equal, value for value, to the one this process
 * committed for its key changes nothing when upserted again, so {@link CommittingLoad} holds it
 * back; a cycle in which nothing changed then writes only its state row
 * ({@link dev.togglsync.target.Target#commitWithoutRows}). Issue 19: a no-change cycle's CPU.
 *
 * <p>Only rows of a commit that succeeded are remembered, so a rolled-back load can never make a
 * later cycle skip a row the table lacks. One-shot runs remember nothing ({@link #none()}).
 */
final class RecentRows {
    /** Rows whose cursor value is this much older than the stream's cursor cannot come back unchanged; they are dropped. */
    static final Duration KEPT = Duration.ofHours(1);
    /** A bound on what is kept per stream, whatever the cursor does (a bulk edit of many entries). */
    static final int MAX_ROWS = 10_000;

    private final boolean enabled;
    private final Map<String, Map<List<Object>, Object[]>> byStream = new HashMap<>();

    private RecentRows(boolean enabled) {
        this.enabled = enabled;
    }

    /** Remembers nothing: every row is written (a single run). */
    static RecentRows none() {
        return new RecentRows(false);
    }

    /** Remembers committed rows across the cycles of one {@code run --every}. */
    static RecentRows acrossCycles() {
        return new RecentRows(true);
    }

    /** Forgets everything (after a target failure the table may not hold what was committed before). */
    void clear() {
        byStream.clear();
    }

    /**
     * The memory of {@code load}'s stream for one load, or empty when its rows cannot be held back:
     * only an incremental load with a key and a cursor column upserts, which makes an equal row a
     * no-op (the other modes write every row of the run).
     */
    Optional<Load> forLoad(PlannedLoad load) {
        if (!enabled || load.stream().mode() != Mode.INCREMENTAL || load.primaryKey().isEmpty()) {
            return Optional.empty();
        }
        int cursor = load.stream().spec().cursorField().map(load.schema()::indexOf).orElse(-1);
        int[] key = load.primaryKey().stream().mapToInt(load.schema()::indexOf).toArray();
        if (cursor < 0 || Arrays.stream(key).anyMatch(i -> i < 0)) {
            return Optional.empty();
        }
        return Optional.of(new Load(load.name(), key, cursor));
    }

    /** One load's view: decides which rows are repeats, remembers the rows once their commit succeeded. */
    final class Load {
        private final String stream;
        private final int[] key;
        private final int cursor;
        private final List<Object[]> seen = new ArrayList<>();
        private boolean shapeChanged;
        private boolean overflowed;

        private Load(String stream, int[] key, int cursor) {
            this.stream = stream;
            this.key = key;
            this.cursor = cursor;
        }

        /** Whether {@code row} equals the row last committed for its key. */
        boolean isRepeat(Object[] row) {
            if (shapeChanged) {
                return false;
            }
            // A large load (the first cycle's backfill) would otherwise hold every row until its
            // commit: past the bound it remembers nothing, and the next cycle writes its rows again.
            if (overflowed || seen.size() == MAX_ROWS) {
                overflowed = true;
                seen.clear();
            } else {
                seen.add(row);
            }
            Object[] committed = byStream.getOrDefault(stream, Map.of()).get(keyOf(row));
            return committed != null && Arrays.deepEquals(committed, row);
        }

        /** The table grew a column: rows no longer compare with what was remembered. */
        void schemaChanged() {
            shapeChanged = true;
            byStream.remove(stream);
        }

        /** The load committed every row it was given (written, or held back as a repeat). */
        void committed(Optional<Instant> streamCursor) {
            if (shapeChanged) {
                return;
            }
            if (overflowed) {
                byStream.remove(stream);
                return;
            }
            Map<List<Object>, Object[]> rows = byStream.computeIfAbsent(stream, s -> new HashMap<>());
            for (Object[] row : seen) {
                rows.put(keyOf(row), row);
            }
            seen.clear();
            Instant oldest = streamCursor.map(c -> c.minus(KEPT)).orElse(Instant.MIN);
            rows.values().removeIf(r -> !(r[cursor] instanceof Instant at) || at.isBefore(oldest));
            if (rows.size() > MAX_ROWS) {
                rows.clear();
            }
        }

        private List<Object> keyOf(Object[] row) {
            Object[] k = new Object[key.length];
            for (int i = 0; i < key.length; i++) {
                k[i] = row[key[i]];
            }
            return Arrays.asList(k);
        }
    }
}
