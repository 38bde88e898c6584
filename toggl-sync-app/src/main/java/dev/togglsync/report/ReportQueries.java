package dev.togglsync.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's SQL, written once for every dialect. All aggregation happens here, in the database:
 * what comes back is weeks × projects, months, clients, a few listed entries, never the entries
 * themselves, so a million entries cost the database a scan and the report a few hundred rows.
 *
 * <p>What counts, in every query: time entries that are not deleted ({@code server_deleted_at IS
 * NULL}), inside the filter; a duration is {@code stop - start} in whole seconds, with a running
 * entry ({@code stop IS NULL}) counted up to the report's "now" (bound as a parameter, so two
 * databases asked at the same "now" give the same numbers). Weeks (starting Monday) and months are
 * cut in the account's time zone.
 */
final class ReportQueries {
    /** Projects drawn as their own series in the weekly chart; the rest are summed as "other". */
    static final int TOP_PROJECTS = 10;
    static final int TOP_CLIENTS = 25;
    static final int TOP_DESCRIPTIONS = 15;
    static final int TOP_USERS = 20;
    static final int LISTED_ENTRIES = 20;
    /** The series key of "other" projects; 0 is "(no project)". */
    static final long OTHER = -1;

    private final ReportDialect dialect;
    private final ReportTables tables;
    private final ZoneId zone;
    private final ReportFilter filter;
    private final Instant now;

    ReportQueries(ReportDialect dialect, ReportTables tables, ZoneId zone, ReportFilter filter, Instant now) {
        this.dialect = dialect;
        this.tables = tables;
        this.zone = zone;
        this.filter = filter;
        this.now = now;
    }

    /** The counted entries as a CTE named {@code e}: id, project_id, billable, description, seconds, local_start. */
    private Query entries(String title, String select) {
        List<Object> params = new ArrayList<>();
        params.add(now);
        String sql = "WITH e AS (\n"
                + "  SELECT t.id, coalesce(t.project_id, 0) AS project_id, coalesce(t.billable, false) AS billable,\n"
                + "         coalesce(t.description, '') AS description,\n"
                + "         greatest(0, " + dialect.epochSeconds("coalesce(t.stop, CAST(? AS TIMESTAMPTZ))") + " - "
                + dialect.epochSeconds("t.start") + ") AS seconds,\n"
                + "         t.start AS start_utc, " + local("t.start") + " AS local_start, t.stop\n"
                + "  FROM " + tables.qualified(ReportTables.TIME_ENTRIES) + " t\n"
                + "  WHERE t.server_deleted_at IS NULL" + where("t", params) + "\n"
                + ")\n" + select;
        return new Query(title, sql, params);
    }

    /** The filter's conditions on {@code alias}'s start and workspace_id, its values appended to {@code params}. */
    private String where(String alias, List<Object> params) {
        StringBuilder b = new StringBuilder();
        filter.from().ifPresent(d -> {
            b.append(" AND ").append(alias).append(".start >= CAST(? AS TIMESTAMPTZ)");
            params.add(d.atStartOfDay(zone).toInstant());
        });
        filter.to().ifPresent(d -> {
            b.append(" AND ").append(alias).append(".start < CAST(? AS TIMESTAMPTZ)");
            params.add(d.plusDays(1).atStartOfDay(zone).toInstant());
        });
        filter.workspace().ifPresent(w -> {
            b.append(" AND ").append(alias).append(".workspace_id = ?");
            params.add(w);
        });
        return b.toString();
    }

    /** A TIMESTAMPTZ as local time in the account's zone (validated by {@link ZoneId}, so safe to inline). */
    private String local(String expression) {
        return "(" + expression + " AT TIME ZONE '" + zone.getId().replace("'", "''") + "')";
    }

    private static String day(String unit, String localExpression) {
        return "CAST(CAST(date_trunc('" + unit + "', " + localExpression + ") AS DATE) AS TEXT)";
    }

    private String projectName(String idExpression) {
        return tables.has(ReportTables.PROJECTS)
                ? "(SELECT max(p.name) FROM " + tables.qualified(ReportTables.PROJECTS) + " p WHERE p.id = " + idExpression + ")"
                : "CAST(NULL AS TEXT)";
    }

    Query totals() {
        return entries("entries counted, hours, running, first and last start", """
                SELECT count(*), CAST(coalesce(sum(seconds), 0) AS BIGINT),
                       count(*) FILTER (WHERE stop IS NULL),
                       %s, %s
                FROM e""".formatted(dialect.epochSeconds("min(start_utc)"), dialect.epochSeconds("max(start_utc)")));
    }

    /** The top projects by hours over the whole range: key (0 = no project), name, seconds. */
    Query topProjects() {
        return entries("top " + TOP_PROJECTS + " projects by hours", """
                SELECT project_id, %s AS name, CAST(sum(seconds) AS BIGINT) AS seconds
                FROM e
                GROUP BY project_id
                ORDER BY seconds DESC, project_id
                LIMIT %d""".formatted(projectName("e.project_id"), TOP_PROJECTS));
    }

    /** Seconds per week and project, the projects outside the top folded into key {@value #OTHER}. */
    Query weeklyByProject() {
        return entries("hours per week (Monday, account time zone) by project; projects outside the top "
                + TOP_PROJECTS + " as -1 (other)", """
                , top AS (
                  SELECT project_id FROM e GROUP BY project_id ORDER BY sum(seconds) DESC, project_id LIMIT %d
                )
                SELECT %s AS week,
                       CASE WHEN project_id IN (SELECT project_id FROM top) THEN project_id ELSE %d END AS series,
                       CAST(sum(seconds) AS BIGINT) AS seconds
                FROM e
                GROUP BY 1, 2
                ORDER BY 1, 2""".formatted(TOP_PROJECTS, day("week", "local_start"), OTHER));
    }

    Query billableByMonth() {
        return entries("billable and non-billable hours per month (account time zone)", """
                SELECT %s AS month, billable, CAST(sum(seconds) AS BIGINT) AS seconds
                FROM e
                GROUP BY 1, 2
                ORDER BY 1, 2""".formatted(day("month", "local_start")));
    }

    /** Hours per client through the entry's project; entries without one count as client 0. */
    Query clients() {
        String client = tables.has(ReportTables.PROJECTS)
                ? "coalesce((SELECT max(p.client_id) FROM " + tables.qualified(ReportTables.PROJECTS)
                        + " p WHERE p.id = e.project_id), 0)"
                : "CAST(0 AS BIGINT)";
        String name = tables.has(ReportTables.CLIENTS)
                ? "(SELECT max(c.name) FROM " + tables.qualified(ReportTables.CLIENTS) + " c WHERE c.id = by_client.client_id)"
                : "CAST(NULL AS TEXT)";
        return entries("hours per client (through the entry's project), top " + TOP_CLIENTS, """
                , by_client AS (
                  SELECT %s AS client_id, count(*) AS entries, CAST(sum(seconds) AS BIGINT) AS seconds
                  FROM e
                  GROUP BY 1
                )
                SELECT client_id, %s AS name, entries, seconds
                FROM by_client
                ORDER BY seconds DESC, client_id
                LIMIT %d""".formatted(client, name, TOP_CLIENTS));
    }

    Query descriptions() {
        return entries("top " + TOP_DESCRIPTIONS + " descriptions by hours", """
                SELECT description, count(*) AS entries, CAST(sum(seconds) AS BIGINT) AS seconds
                FROM e
                GROUP BY description
                ORDER BY seconds DESC, min(id)
                LIMIT %d""".formatted(TOP_DESCRIPTIONS));
    }

    /** Entries still running now, whatever the date range (a running entry is news in any range). */
    Query running() {
        List<Object> params = new ArrayList<>();
        params.add(now);
        ReportFilter workspaceOnly = new ReportFilter(java.util.Optional.empty(), java.util.Optional.empty(),
                filter.workspace());
        String where = new ReportQueries(dialect, tables, zone, workspaceOnly, now).where("t", params);
        String sql = """
                SELECT t.id, coalesce(t.description, ''), %s, %s,
                       greatest(0, %s - %s)
                FROM %s t
                WHERE t.stop IS NULL AND t.server_deleted_at IS NULL%s
                ORDER BY t.start DESC, t.id
                LIMIT %d""".formatted(projectName("t.project_id"), dialect.epochSeconds("t.start"),
                dialect.epochSeconds("CAST(? AS TIMESTAMPTZ)"), dialect.epochSeconds("t.start"),
                tables.qualified(ReportTables.TIME_ENTRIES), where, LISTED_ENTRIES);
        return new Query("entries still running", sql, params);
    }

    /** How many deleted entries the filter holds; {@link #deleted()} lists the newest. */
    Query deletedCount() {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT count(*) FROM " + tables.qualified(ReportTables.TIME_ENTRIES) + " t\n"
                + "WHERE t.server_deleted_at IS NOT NULL" + where("t", params);
        return new Query("deleted entries (kept as rows with server_deleted_at)", sql, params);
    }

    Query deleted() {
        List<Object> params = new ArrayList<>();
        String where = where("t", params);
        String sql = """
                SELECT t.id, coalesce(t.description, ''), %s, %s, %s,
                       CASE WHEN t.stop IS NULL THEN 0 ELSE greatest(0, %s - %s) END
                FROM %s t
                WHERE t.server_deleted_at IS NOT NULL%s
                ORDER BY t.server_deleted_at DESC, t.id
                LIMIT %d""".formatted(projectName("t.project_id"), dialect.epochSeconds("t.start"),
                dialect.epochSeconds("t.server_deleted_at"), dialect.epochSeconds("t.stop"),
                dialect.epochSeconds("t.start"), tables.qualified(ReportTables.TIME_ENTRIES), where, LISTED_ENTRIES);
        return new Query("the " + LISTED_ENTRIES + " most recently deleted entries", sql, params);
    }

    /** Every user's seconds per week from the Reports API stream, for the top users by hours. */
    Query userWeeks() {
        List<Object> params = new ArrayList<>();
        String where = where("r", params);
        String sql = """
                WITH u AS (
                  SELECT r.user_id, r.username, coalesce(r.seconds, 0) AS seconds, %s AS local_start
                  FROM %s r
                  WHERE r._toggl_sync_deleted_at IS NULL%s
                ), top AS (
                  SELECT user_id FROM u GROUP BY user_id ORDER BY sum(seconds) DESC, user_id LIMIT %d
                )
                SELECT %s AS week, user_id, max(username), CAST(sum(seconds) AS BIGINT)
                FROM u
                WHERE user_id IN (SELECT user_id FROM top)
                GROUP BY 1, 2
                ORDER BY 1, 2""".formatted(local("r.start"), tables.qualified(ReportTables.REPORT_TIME_ENTRIES), where,
                TOP_USERS, day("week", "local_start"));
        return new Query("every user's hours per week (report_time_entries), top " + TOP_USERS + " users", sql, params);
    }

    Query freshness() {
        return new Query("sync state: per connection and stream", "SELECT connection, stream, CAST(value AS TEXT) FROM "
                + tables.state() + " ORDER BY connection, stream", List.of());
    }

    /** Every query the report runs, in page order (for {@code --show-sql}). */
    List<Query> all() {
        List<Query> all = new ArrayList<>(List.of(totals(), topProjects(), weeklyByProject(), billableByMonth(), clients()));
        if (tables.has(ReportTables.REPORT_TIME_ENTRIES)) {
            all.add(userWeeks());
        }
        all.addAll(List.of(descriptions(), running(), deletedCount(), deleted()));
        if (tables.statePresent()) {
            all.add(freshness());
        }
        return all;
    }
}
