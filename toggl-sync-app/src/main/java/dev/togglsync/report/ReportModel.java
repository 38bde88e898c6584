package dev.togglsync.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What one report shows, already aggregated by the database (the largest list is weeks × 11
 * series): the page is written from this alone. Durations are whole seconds; the page shows hours.
 *
 * @param generatedAt the "now" that running entries are counted up to
 * @param zone the account's time zone (from {@code me}); weeks and months are cut there
 * @param zoneNote why the zone is not the account's, or empty
 * @param filter the date range and workspace the entries were restricted to
 */
record ReportModel(
        Instant generatedAt,
        ZoneId zone,
        Optional<String> zoneNote,
        ReportFilter filter,
        Totals totals,
        WeeklyProjects weekly,
        List<Bucket> billableByMonth,
        List<Bar> clients,
        Optional<UserWeeks> users,
        List<Bar> descriptions,
        List<Entry> running,
        Deleted deleted,
        List<Freshness> freshness) {

    /** The entries counted (not deleted, inside the filter) and the first and last start among them. */
    record Totals(long entries, long seconds, long running, Optional<Instant> firstStart, Optional<Instant> lastStart) {}

    /**
     * Hours per week stacked by project.
     *
     * @param weeks the Mondays (in the account's zone) of the weeks with time, ascending
     * @param series the top projects by hours, then "other" when there are more
     * @param weekTotals seconds per week, all projects
     */
    record WeeklyProjects(List<LocalDate> weeks, List<Series> series, List<Long> weekTotals) {}

    /** @param seconds one value per week, in the order of {@link WeeklyProjects#weeks()} */
    record Series(String name, long totalSeconds, List<Long> seconds) {}

    /** One month's billable and non-billable seconds; {@code month} is its first day. */
    record Bucket(LocalDate month, long billableSeconds, long nonBillableSeconds) {}

    /** One labelled total: a client's or a description's hours. */
    record Bar(String label, long entries, long seconds) {}

    /**
     * Every user's hours per week, from {@code report_time_entries}.
     *
     * @param seconds one row per user (order of {@code users}), one value per week
     */
    record UserWeeks(List<LocalDate> weeks, List<String> users, List<List<Long>> seconds) {}

    /** A time entry listed by itself: a running one or a deleted one. */
    record Entry(long id, String description, String project, Instant start, Optional<Instant> deletedAt,
            long seconds) {}

    /** @param newest the most recently deleted entries, newest first */
    record Deleted(long count, List<Entry> newest) {}

    /** One row of {@code _toggl_sync_state}. */
    record Freshness(String connection, String stream, Instant syncedAt, Optional<Instant> cursor, long rows) {}
}
