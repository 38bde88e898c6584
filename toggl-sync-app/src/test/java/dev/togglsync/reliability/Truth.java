package dev.togglsync.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.config.Connection;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.simulator.Dataset;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.testing.GroundTruth;
import dev.togglsync.testing.TestTargets;
import dev.togglsync.toggl.TogglStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares every stream's table with the simulator's dataset, column by declared column: the
 * rows a complete sync of the default plan must hold (time_entries incremental, so deleted entries
 * stay as rows with server_deleted_at; the rest full-refresh). Counts what a crash or a fault
 * could have done wrong: rows lost, rows duplicated, rows that should not be there, values that
 * differ.
 */
final class Truth {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcome for one target: zero everywhere means the tables are exactly the ground truth. */
    record Verdict(long expectedRows, long lost, long duplicates, long extra, List<String> differences) {
        boolean exact() {
            return lost == 0 && duplicates == 0 && extra == 0 && differences.isEmpty();
        }

        @Override
        public String toString() {
            return "expected " + expectedRows + " rows: lost " + lost + ", duplicates " + duplicates + ", extra " + extra
                    + ", differing " + differences.size() + (differences.isEmpty() ? "" : " e.g. "
                    + differences.subList(0, Math.min(5, differences.size())));
        }
    }

    private Truth() {}

    static Verdict check(Simulator sim, Connection target) {
        long expectedRows = 0;
        long lost = 0;
        long duplicates = 0;
        long extra = 0;
        List<String> differences = new ArrayList<>();
        try (java.sql.Connection db = TestTargets.open(target)) {
            for (StreamSpec spec : TogglStream.star()) {
                Map<Long, Map<String, Object>> expected = new HashMap<>();
                for (ObjectNode record : expected(sim, spec)) {
                    expected.put(record.get("id").asLong(), typed(record, spec));
                }
                expectedRows += expected.size();
                Map<Long, Map<String, Object>> actual = new HashMap<>();
                try (Statement s = db.createStatement();
                        ResultSet r = s.executeQuery("SELECT * FROM " + TestTargets.table(target, Sync.SCHEMA, spec.name()))) {
                    while (r.next()) {
                        Map<String, Object> row = typed(r, spec);
                        if (actual.put((Long) row.get("id"), row) != null) {
                            duplicates++;
                        }
                    }
                } catch (SQLException e) {
                    differences.add(spec.name() + ": table unreadable: " + e.getMessage());
                    lost += expected.size();
                    continue;
                }
                for (Map.Entry<Long, Map<String, Object>> e : expected.entrySet()) {
                    Map<String, Object> row = actual.get(e.getKey());
                    if (row == null) {
                        lost++;
                    } else if (!row.equals(e.getValue())) {
                        differences.add(spec.name() + " " + e.getKey() + ": " + diff(e.getValue(), row));
                    }
                }
                extra += actual.keySet().stream().filter(id -> !expected.containsKey(id)).count();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + target.name() + ": " + e.getMessage(), e);
        }
        return new Verdict(expectedRows, lost, duplicates, extra, differences);
    }

    /**
     * The rows of {@code spec}'s table in schema {@link Sync#SCHEMA} of {@code target}, typed as
     * {@link #check} compares them, by id; {@code duplicates} counts ids seen more than once. No
     * table: no rows.
     */
    record Stored(Map<Long, Map<String, Object>> rows, long duplicates) {}

    static Stored stored(Connection target, StreamSpec spec) {
        Map<Long, Map<String, Object>> rows = new HashMap<>();
        long duplicates = 0;
        try (java.sql.Connection db = TestTargets.open(target)) {
            boolean exists;
            try (ResultSet t = db.getMetaData().getTables(null, null, "%", null)) {
                exists = false;
                String name = target instanceof dev.togglsync.config.SqliteConnection ? Sync.SCHEMA + "_" + spec.name()
                        : spec.name();
                while (t.next()) {
                    boolean sameSchema = target instanceof dev.togglsync.config.SqliteConnection
                            || Sync.SCHEMA.equals(t.getString("TABLE_SCHEM"));
                    exists |= sameSchema && name.equals(t.getString("TABLE_NAME"));
                }
            }
            if (exists) {
                try (Statement s = db.createStatement();
                        ResultSet r = s.executeQuery("SELECT * FROM " + TestTargets.table(target, Sync.SCHEMA, spec.name()))) {
                    while (r.next()) {
                        Map<String, Object> row = typed(r, spec);
                        if (rows.put((Long) row.get("id"), row) != null) {
                            duplicates++;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + spec.name() + " of " + target.name() + ": " + e.getMessage(), e);
        }
        return new Stored(rows, duplicates);
    }

    /** What a complete sync holds for {@code spec}, as the simulator serves it now. */
    static List<ObjectNode> expected(Simulator sim, StreamSpec spec) {
        Dataset d = sim.dataset();
        // Incremental from the default anchor (90 days back): every entry changed since, deletes included.
        return GroundTruth.records(d, TogglStream.of(spec),
                () -> d.timeEntriesModifiedSince(d.now().minus(Duration.ofDays(89))).toList());
    }

    /**
     * The ground truth's typed values as a table stores them: timestamps at the databases'
     * microseconds, JSON compared as trees.
     */
    static Map<String, Object> typed(ObjectNode record, StreamSpec spec) {
        Map<String, Object> m = GroundTruth.typed(record, spec.schema());
        for (Column c : spec.schema().columns()) {
            Object v = m.get(c.name());
            m.put(c.name(), v == null ? null : switch (c.type()) {
                case BIGINT, DOUBLE, BOOLEAN, TEXT, DATE -> v;
                case TIMESTAMPTZ -> ((Instant) v).truncatedTo(ChronoUnit.MICROS);
                case JSON -> json((String) v);
            });
        }
        return m;
    }

    static Map<String, Object> typed(ResultSet r, StreamSpec spec) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Column c : spec.schema().columns()) {
            String name = c.name();
            Object v = switch (c.type()) {
                case BIGINT -> r.getObject(name) == null ? null : ((Number) r.getObject(name)).longValue();
                case DOUBLE -> r.getObject(name) == null ? null : ((Number) r.getObject(name)).doubleValue();
                case BOOLEAN -> r.getObject(name) == null ? null : r.getBoolean(name);
                case TEXT -> r.getString(name);
                case TIMESTAMPTZ -> {
                    // SQLite stores ISO-8601 UTC text, and its driver converts to no java.time class.
                    Object raw = r.getObject(name);
                    if (raw == null || raw instanceof String) {
                        yield raw == null ? null : Instant.parse((String) raw);
                    }
                    OffsetDateTime t = r.getObject(name, OffsetDateTime.class);
                    yield t == null ? null : t.toInstant();
                }
                case DATE -> r.getObject(name) == null ? null : r.getObject(name) instanceof String text
                        ? LocalDate.parse(text) : r.getObject(name, LocalDate.class);
                case JSON -> r.getString(name) == null ? null : json(r.getString(name));
            };
            m.put(name, v);
        }
        return m;
    }

    /** JSON compared as trees: PostgreSQL's jsonb reorders keys and respaces. */
    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    private static String diff(Map<String, Object> expected, Map<String, Object> actual) {
        List<String> out = new ArrayList<>();
        for (String k : expected.keySet()) {
            if (!Objects.equals(expected.get(k), actual.get(k))) {
                out.add(k + " expected " + expected.get(k) + " got " + actual.get(k));
            }
        }
        return String.join("; ", out);
    }
}
