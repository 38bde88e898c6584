package dev.togglsync.report;

import dev.togglsync.TogglSyncException;
import dev.togglsync.report.ReportModel.Bar;
import dev.togglsync.report.ReportModel.Bucket;
import dev.togglsync.report.ReportModel.Deleted;
import dev.togglsync.report.ReportModel.Entry;
import dev.togglsync.report.ReportModel.Freshness;
import dev.togglsync.report.ReportModel.Series;
import dev.togglsync.report.ReportModel.Totals;
import dev.togglsync.report.ReportModel.UserWeeks;
import dev.togglsync.report.ReportModel.WeeklyProjects;
import dev.togglsync.state.StreamState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the synced tables in a target, the account's time zone, and runs {@link ReportQueries}
 * into a {@link ReportModel}. Java only arranges what the database aggregated (rows into series).
 */
final class ReportReader {
    private final ReportDatabase db;
    private final ReportTables tables;
    private final ZoneId zone;
    private final Optional<String> zoneNote;
    private final ReportFilter filter;
    private final Instant now;
    private final ReportQueries queries;

    /**
     * @param schema where the stream tables are; empty = the one schema holding {@code time_entries}
     * @param now running entries are counted up to this instant (whole seconds)
     */
    ReportReader(ReportDatabase db, Optional<String> schema, ReportFilter filter, Instant now) {
        this.db = db;
        this.filter = filter;
        this.now = now;
        this.tables = locate(schema);
        // "UTC", not ZoneOffset.UTC: its id "Z" is no zone name to the databases.
        ZoneId z = ZoneId.of("UTC");
        Optional<String> note = Optional.of("no `me` table in schema " + tables.schema()
                + ": times are in UTC (sync the `me` stream for the account's time zone)");
        if (tables.has(ReportTables.ME)) {
            String stored = single("SELECT max(timezone) FROM " + tables.qualified(ReportTables.ME));
            if (stored == null || stored.isBlank()) {
                note = Optional.of("the `me` row has no time zone: times are in UTC");
            } else {
                try {
                    // A region name only: a bare offset means opposite things in SQL (POSIX) and ISO.
                    if (ZoneId.of(stored) instanceof ZoneOffset) {
                        throw new DateTimeException("an offset, not a region");
                    }
                    z = ZoneId.of(stored);
                    note = Optional.empty();
                } catch (DateTimeException e) {
                    note = Optional.of("the account's time zone '" + stored + "' is not one this build knows: times are in UTC");
                }
            }
        }
        this.zone = z;
        this.zoneNote = note;
        this.queries = new ReportQueries(db.dialect(), tables, zone, filter, now);
    }

    ReportQueries queries() {
        return queries;
    }

    ReportModel read() {
        return new ReportModel(now, zone, zoneNote, filter, totals(), weekly(), billable(), bars(queries.clients(), true, "(no client)"),
                tables.has(ReportTables.REPORT_TIME_ENTRIES) ? Optional.of(users()) : Optional.empty(),
                bars(queries.descriptions(), false, "(no description)"), entries(queries.running(), false), deleted(), freshness());
    }

    private ReportTables locate(Optional<String> schema) {
        Map<String, Set<String>> bySchema = new LinkedHashMap<>();
        boolean state = false;
        String sql = "SELECT table_schema, table_name FROM information_schema.tables"
                + " WHERE table_catalog = current_database() ORDER BY table_schema, table_name";
        try (PreparedStatement p = db.connection().prepareStatement(sql); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                String s = r.getString(1);
                String t = r.getString(2);
                if (ReportTables.READ.contains(t)) {
                    bySchema.computeIfAbsent(s, k -> new HashSet<>()).add(t);
                }
                state |= t.equals(ReportTables.STATE) && s.equals(db.dialect().stateSchema());
            }
        } catch (SQLException e) {
            throw failed("cannot list the tables", e);
        }
        List<String> withEntries = bySchema.entrySet().stream()
                .filter(e -> e.getValue().contains(ReportTables.TIME_ENTRIES)).map(Map.Entry::getKey).toList();
        String chosen;
        if (schema.isPresent()) {
            chosen = schema.get();
            if (!withEntries.contains(chosen)) {
                throw TogglSyncException.invalidInput(db.describe() + ": --schema " + chosen + " holds no time_entries table; "
                        + (withEntries.isEmpty() ? "no schema does: sync time_entries first (toggl-sync run)"
                                : "schemas that do: " + String.join(", ", withEntries)));
            }
        } else if (withEntries.size() == 1) {
            chosen = withEntries.get(0);
        } else if (withEntries.isEmpty()) {
            throw TogglSyncException.invalidInput(db.describe() + ": no time_entries table in any schema;"
                    + " sync time_entries first (toggl-sync run), then report");
        } else {
            throw TogglSyncException.invalidInput(db.describe() + ": time_entries tables in several schemas ("
                    + String.join(", ", withEntries) + "); choose one with --schema");
        }
        return new ReportTables(chosen, Set.copyOf(bySchema.get(chosen)), db.dialect().stateSchema(), state);
    }

    private Totals totals() {
        List<Object[]> rows = run(queries.totals(), 5);
        Object[] r = rows.get(0);
        return new Totals(num(r[0]), num(r[1]), num(r[2]), instant(r[3]), instant(r[4]));
    }

    private WeeklyProjects weekly() {
        Map<Long, String> names = new LinkedHashMap<>();
        for (Object[] r : run(queries.topProjects(), 3)) {
            long key = num(r[0]);
            names.put(key, key == 0 ? "(no project)" : r[1] == null ? "project " + key : (String) r[1]);
        }
        TreeSet<LocalDate> weeks = new TreeSet<>();
        Map<Long, Map<LocalDate, Long>> cells = new LinkedHashMap<>();
        for (Object[] r : run(queries.weeklyByProject(), 3)) {
            LocalDate week = LocalDate.parse((String) r[0]);
            weeks.add(week);
            cells.computeIfAbsent(num(r[1]), k -> new LinkedHashMap<>()).put(week, num(r[2]));
        }
        List<Long> keys = new ArrayList<>(names.keySet());
        if (cells.containsKey(ReportQueries.OTHER)) {
            keys.add(ReportQueries.OTHER);
            names.put(ReportQueries.OTHER, "other projects");
        }
        List<LocalDate> weekList = List.copyOf(weeks);
        List<Series> series = new ArrayList<>();
        List<Long> totals = new ArrayList<>(weekList.stream().map(w -> 0L).toList());
        for (long key : keys) {
            Map<LocalDate, Long> byWeek = cells.getOrDefault(key, Map.of());
            List<Long> values = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < weekList.size(); i++) {
                long v = byWeek.getOrDefault(weekList.get(i), 0L);
                values.add(v);
                total += v;
                totals.set(i, totals.get(i) + v);
            }
            series.add(new Series(names.get(key), total, values));
        }
        return new WeeklyProjects(weekList, series, totals);
    }

    private List<Bucket> billable() {
        Map<LocalDate, long[]> months = new LinkedHashMap<>();
        for (Object[] r : run(queries.billableByMonth(), 3)) {
            long[] m = months.computeIfAbsent(LocalDate.parse((String) r[0]), k -> new long[2]);
            m[Boolean.TRUE.equals(r[1]) ? 0 : 1] += num(r[2]);
        }
        return months.entrySet().stream().map(e -> new Bucket(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /**
     * @param keyed rows are (key, name, entries, seconds), key 0 meaning {@code none}; else
     *     (label, entries, seconds), an empty label meaning {@code none}
     */
    private List<Bar> bars(Query q, boolean keyed, String none) {
        List<Bar> bars = new ArrayList<>();
        for (Object[] r : run(q, keyed ? 4 : 3)) {
            String label;
            if (keyed) {
                long key = num(r[0]);
                label = key == 0 ? none : r[1] == null ? "client " + key : (String) r[1];
                bars.add(new Bar(label, num(r[2]), num(r[3])));
            } else {
                label = r[0] == null || ((String) r[0]).isEmpty() ? none : (String) r[0];
                bars.add(new Bar(label, num(r[1]), num(r[2])));
            }
        }
        return bars;
    }

    private UserWeeks users() {
        TreeSet<LocalDate> weeks = new TreeSet<>();
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Map<LocalDate, Long>> cells = new LinkedHashMap<>();
        Map<Long, Long> totals = new LinkedHashMap<>();
        for (Object[] r : run(queries.userWeeks(), 4)) {
            LocalDate week = LocalDate.parse((String) r[0]);
            long user = num(r[1]);
            weeks.add(week);
            names.put(user, r[2] == null ? "user " + user : (String) r[2]);
            cells.computeIfAbsent(user, k -> new LinkedHashMap<>()).put(week, num(r[3]));
            totals.merge(user, num(r[3]), Long::sum);
        }
        List<Long> users = totals.keySet().stream()
                .sorted((a, b) -> totals.get(b).equals(totals.get(a)) ? Long.compare(a, b) : Long.compare(totals.get(b), totals.get(a)))
                .toList();
        List<LocalDate> weekList = List.copyOf(weeks);
        List<List<Long>> values = users.stream()
                .map(u -> weekList.stream().map(w -> cells.get(u).getOrDefault(w, 0L)).toList()).toList();
        return new UserWeeks(weekList, users.stream().map(names::get).toList(), values);
    }

    private List<Entry> entries(Query q, boolean deleted) {
        List<Entry> list = new ArrayList<>();
        for (Object[] r : run(q, deleted ? 6 : 5)) {
            String description = ((String) r[1]).isEmpty() ? "(no description)" : (String) r[1];
            String project = r[2] == null ? "(no project)" : (String) r[2];
            Instant start = instant(r[3]).orElseThrow();
            list.add(deleted
                    ? new Entry(num(r[0]), description, project, start, instant(r[4]), num(r[5]))
                    : new Entry(num(r[0]), description, project, start, Optional.empty(), num(r[4])));
        }
        return list;
    }

    private Deleted deleted() {
        return new Deleted(num(run(queries.deletedCount(), 1).get(0)[0]), entries(queries.deleted(), true));
    }

    private List<Freshness> freshness() {
        if (!tables.statePresent()) {
            return List.of();
        }
        List<Freshness> list = new ArrayList<>();
        for (Object[] r : run(queries.freshness(), 3)) {
            String connection = (String) r[0];
            String stream = (String) r[1];
            StreamState s;
            try {
                s = StreamState.fromJson((String) r[2]);
            } catch (IllegalArgumentException e) {
                throw TogglSyncException.target(db.describe() + ": " + ReportTables.STATE + ": the state of " + connection
                        + "/" + stream + " cannot be read: " + e.getMessage() + "; upgrade toggl-sync", e);
            }
            list.add(new Freshness(connection, stream, s.syncedAt(), s.cursor(), s.rows()));
        }
        return list;
    }

    /** The query's rows, each as {@code columns} values: Long for integers, String, Boolean, or null. */
    private List<Object[]> run(Query q, int columns) {
        try (PreparedStatement p = db.connection().prepareStatement(q.sql())) {
            for (int i = 0; i < q.params().size(); i++) {
                Object v = q.params().get(i);
                if (v instanceof Long l) {
                    p.setLong(i + 1, l);
                } else {
                    p.setString(i + 1, v.toString());
                }
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Object[] row = new Object[columns];
                    for (int c = 0; c < columns; c++) {
                        Object v = r.getObject(c + 1);
                        row[c] = v instanceof Number n ? Long.valueOf(n.longValue()) : v instanceof Boolean ? v
                                : v == null ? null : v.toString();
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failed(q.title(), e);
        }
    }

    private String single(String sql) {
        try (PreparedStatement p = db.connection().prepareStatement(sql); ResultSet r = p.executeQuery()) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            throw failed("cannot read the account's time zone", e);
        }
    }

    private TogglSyncException failed(String what, SQLException e) {
        return TogglSyncException.target(db.describe() + ": report query failed (" + what + "): "
                + ReportDatabase.oneLine(e) + "; run `toggl-sync report --show-sql` to see the SQL", e);
    }

    private static long num(Object v) {
        return v == null ? 0 : (Long) v;
    }

    private static Optional<Instant> instant(Object epochSeconds) {
        return epochSeconds == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond((Long) epochSeconds));
    }
}
