package dev.togglsync.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.report.ReportModel.Bar;
import dev.togglsync.report.ReportModel.Bucket;
import dev.togglsync.report.ReportModel.Entry;
import dev.togglsync.report.ReportModel.Freshness;
import dev.togglsync.report.ReportModel.Series;
import dev.togglsync.report.ReportModel.UserWeeks;
import dev.togglsync.report.ReportModel.WeeklyProjects;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a {@link ReportModel} as one self-contained HTML page: styles, ECharts and the drawing
 * script inlined, the chart data as JSON. Every chart has a heading, a one-sentence summary and
 * its numbers in a table behind a {@code <details>} (readable without scripts or sight); the
 * numbers are formatted here once, so the table and the chart's labels agree.
 */
final class HtmlReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ReportModel m;
    private final StringBuilder out = new StringBuilder(1 << 16);

    private HtmlReport(ReportModel model) {
        this.m = model;
    }

    static String render(ReportModel model, Assets assets) {
        return new HtmlReport(model).page(assets);
    }

    /** The inlined files: the charting library and the page's own style and script. */
    record Assets(String echarts, String echartsVersion, String css, String js) {}

    private String page(Assets assets) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Toggl hours report</title>\n")
                // First, so that an error in any later script is counted (the browser test reads it).
                .append("<script>window.addEventListener('error',function(){var d=document.documentElement;")
                .append("d.setAttribute('data-errors',String(Number(d.getAttribute('data-errors')||0)+1));});</script>\n")
                .append("<style>\n").append(assets.css()).append("</style>\n</head>\n<body>\n");
        header();
        out.append("<main>\n");
        weekly();
        billable();
        clients();
        users();
        descriptions();
        running();
        deleted();
        freshness();
        out.append("</main>\n<footer><p>Charts drawn with Apache ECharts ").append(esc(assets.echartsVersion()))
                .append(" (Apache License 2.0), inlined: this file needs no network. The SQL behind every number: ")
                .append("<code>toggl-sync report --show-sql</code>.</p></footer>\n");
        out.append("<script type=\"application/json\" id=\"report-data\">").append(data()).append("</script>\n");
        out.append("<script>\n").append(assets.echarts().replace("</script", "<\\/script")).append("\n</script>\n");
        out.append("<script>\n").append(assets.js()).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private void header() {
        ReportModel.Totals t = m.totals();
        out.append("<header>\n<h1>Toggl hours</h1>\n<p class=\"meta\">Generated <time id=\"generated-at\">")
                .append(m.generatedAt()).append("</time>; times in <b>").append(esc(m.zone().getId()))
                .append("</b> (the account's time zone); ").append(esc(range())).append(".</p>\n");
        m.zoneNote().ifPresent(n -> out.append("<p class=\"note\">").append(esc(n)).append("</p>\n"));
        out.append("<p class=\"meta\">How hours are counted: each time entry's <code>stop − start</code>; an entry"
                + " still running counts up to the generation time; deleted entries (kept as rows with"
                + " <code>server_deleted_at</code>) are left out. Weeks start on Monday.</p>\n");
        out.append("<ul class=\"kpis\">")
                .append(kpi("hours", hours(t.seconds()), "kpi-hours"))
                .append(kpi("time entries", count(t.entries()), "kpi-entries"))
                .append(kpi("running now", count(t.running()), "kpi-running"))
                .append(kpi("first entry", t.firstStart().map(this::localDay).orElse("–"), "kpi-first"))
                .append(kpi("last entry", t.lastStart().map(this::localDay).orElse("–"), "kpi-last"))
                .append("</ul>\n</header>\n");
    }

    private String range() {
        String from = m.filter().from().map(Object::toString).orElse(null);
        String to = m.filter().to().map(Object::toString).orElse(null);
        String dates = from == null && to == null ? "every synced entry"
                : from == null ? "entries started up to " + to
                : to == null ? "entries started from " + from : "entries started " + from + " to " + to;
        return dates + (m.filter().workspace().isPresent() ? ", workspace " + m.filter().workspace().getAsLong() : "");
    }

    private void weekly() {
        WeeklyProjects w = m.weekly();
        int busiest = 0;
        for (int i = 1; i < w.weekTotals().size(); i++) {
            busiest = w.weekTotals().get(i) > w.weekTotals().get(busiest) ? i : busiest;
        }
        String summary = w.weeks().isEmpty() ? "No hours in this range."
                : w.weeks().size() + " weeks with time; the busiest was the week of " + w.weeks().get(busiest) + " with "
                        + hours(w.weekTotals().get(busiest)) + " h. Top project: " + w.series().get(0).name() + " ("
                        + hours(w.series().get(0).totalSeconds()) + " h in all).";
        open("weekly", "Hours per week, by project", summary, "chart-weekly",
                "Stacked bar chart of hours per week for the top " + ReportQueries.TOP_PROJECTS
                        + " projects and the rest, with each week's total above its bar", false);
        out.append("<thead><tr><th>week of</th>");
        for (Series s : w.series()) {
            out.append("<th class=\"num\">").append(esc(s.name())).append("</th>");
        }
        out.append("<th class=\"num\">total</th></tr></thead><tbody>\n");
        for (int i = 0; i < w.weeks().size(); i++) {
            out.append("<tr data-week=\"").append(w.weeks().get(i)).append("\"><th>").append(w.weeks().get(i)).append("</th>");
            for (Series s : w.series()) {
                out.append(num(hours(s.seconds().get(i)), null));
            }
            out.append(num(hours(w.weekTotals().get(i)), "total")).append("</tr>\n");
        }
        close(null);
    }

    private void billable() {
        long billable = m.billableByMonth().stream().mapToLong(Bucket::billableSeconds).sum();
        long all = billable + m.billableByMonth().stream().mapToLong(Bucket::nonBillableSeconds).sum();
        String summary = all == 0 ? "No hours in this range."
                : hours(billable) + " of " + hours(all) + " hours were billable (" + Math.round(100.0 * billable / all)
                        + " %), over " + m.billableByMonth().size() + " months.";
        open("billable", "Billable and non-billable hours per month", summary, "chart-billable",
                "Stacked bar chart of billable and non-billable hours per month", false);
        out.append("<thead><tr><th>month</th><th class=\"num\">billable</th><th class=\"num\">non-billable</th></tr></thead><tbody>\n");
        for (Bucket b : m.billableByMonth()) {
            String month = b.month().toString().substring(0, 7);
            out.append("<tr data-month=\"").append(month).append("\"><th>").append(month).append("</th>")
                    .append(num(hours(b.billableSeconds()), "billable"))
                    .append(num(hours(b.nonBillableSeconds()), "non-billable")).append("</tr>\n");
        }
        close(null);
    }

    private void clients() {
        List<Bar> c = m.clients();
        String summary = c.isEmpty() ? "No hours in this range." : c.size() + (c.size() == 1 ? " client" : " clients")
                + " (through each entry's project); the most hours: " + c.get(0).label() + ", " + hours(c.get(0).seconds()) + " h.";
        open("clients", "Hours per client", summary, "chart-clients",
                "Horizontal bar chart of hours per client, largest first", c.size() > 12);
        bars(c, "client", "data-client");
        close(c.size() == ReportQueries.TOP_CLIENTS ? "Only the top " + ReportQueries.TOP_CLIENTS + " clients are shown." : null);
    }

    private void users() {
        if (m.users().isEmpty()) {
            out.append("<section class=\"panel\" id=\"users\"><h2>Hours per user per week</h2>\n<p class=\"summary note\">")
                    .append("Every member's hours need the opt-in stream <code>report_time_entries</code> (Reports API):"
                            + " add it to a run, e.g. <code>toggl-sync run --streams report_time_entries</code> or a"
                            + " <code>report_time_entries:</code> entry in the replication file, then report again."
                            + " <code>time_entries</code> holds only the token owner's entries.</p></section>\n");
            return;
        }
        UserWeeks u = m.users().get();
        open("users", "Hours per user per week", u.users().size() + " users over " + u.weeks().size()
                + " weeks (from report_time_entries; top " + ReportQueries.TOP_USERS + " users by hours).", "chart-users",
                "Heatmap of hours per user (rows) and week (columns); darker is more", u.users().size() > 8);
        out.append("<thead><tr><th>user</th>");
        for (var w : u.weeks()) {
            out.append("<th class=\"num\">").append(w).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        for (int i = 0; i < u.users().size(); i++) {
            out.append("<tr data-user=\"").append(esc(u.users().get(i))).append("\"><th>").append(esc(u.users().get(i))).append("</th>");
            for (long s : u.seconds().get(i)) {
                out.append(num(hours(s), null));
            }
            out.append("</tr>\n");
        }
        close(null);
    }

    private void descriptions() {
        List<Bar> d = m.descriptions();
        String summary = d.isEmpty() ? "No hours in this range." : "The " + d.size() + " descriptions with the most hours; first: \""
                + d.get(0).label() + "\", " + hours(d.get(0).seconds()) + " h over " + count(d.get(0).entries()) + " entries.";
        open("descriptions", "Top descriptions by hours", summary, "chart-descriptions",
                "Horizontal bar chart of the descriptions with the most hours", true);
        bars(d, "description", "data-description");
        close(null);
    }

    private void running() {
        List<Entry> r = m.running();
        out.append("<section class=\"panel\" id=\"running\"><h2>Running now</h2>\n<p class=\"summary\">")
                .append(r.isEmpty() ? "No time entry is running." : r.size() + (r.size() == 1 ? " entry is" : " entries are")
                        + " running, counted up to the generation time.").append("</p>\n");
        if (!r.isEmpty()) {
            entryTable(r, false);
        }
        out.append("</section>\n");
    }

    private void deleted() {
        ReportModel.Deleted d = m.deleted();
        out.append("<section class=\"panel\" id=\"deleted\"><h2>Deleted entries</h2>\n<p class=\"summary\">")
                .append(d.count() == 0 ? "No deleted entries in this range."
                        : count(d.count()) + (d.count() == 1 ? " entry was" : " entries were") + " deleted in Toggl; syncs keep"
                                + " them as rows with <code>server_deleted_at</code>, and no sum here counts them."
                                + " The most recent deletions first:")
                .append("</p>\n");
        if (!d.newest().isEmpty()) {
            entryTable(d.newest(), true);
        }
        out.append("</section>\n");
    }

    private void freshness() {
        out.append("<section class=\"panel\" id=\"freshness\"><h2>Sync freshness</h2>\n");
        if (m.freshness().isEmpty()) {
            out.append("<p class=\"summary\">No sync state in this target (<code>_toggl_sync_state</code>).</p></section>\n");
            return;
        }
        Instant last = m.freshness().stream().map(Freshness::syncedAt).max(Instant::compareTo).orElseThrow();
        out.append("<p class=\"summary\">Last sync: ").append(localMinute(last)).append(" (").append(age(last))
                .append(" before this report). Per stream, from <code>_toggl_sync_state</code>:</p>\n")
                .append("<div class=\"table-wrap\"><table><thead><tr><th>connection</th><th>stream</th><th>last sync</th>")
                .append("<th>cursor</th><th class=\"num\">rows</th></tr></thead><tbody>\n");
        for (Freshness f : m.freshness()) {
            out.append("<tr data-stream=\"").append(esc(f.stream())).append("\"><td>").append(esc(f.connection()))
                    .append("</td><td>").append(esc(f.stream())).append("</td><td>").append(localMinute(f.syncedAt()))
                    .append("</td><td>").append(f.cursor().map(this::localMinute).orElse("–")).append("</td>")
                    .append(num(count(f.rows()), "rows")).append("</tr>\n");
        }
        out.append("</tbody></table></div></section>\n");
    }

    private void open(String id, String title, String summary, String chartId, String chartLabel, boolean tall) {
        out.append("<section class=\"panel\" id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n")
                .append("<p class=\"summary\">").append(esc(summary)).append("</p>\n")
                .append("<div class=\"chart").append(tall ? " tall" : "").append("\" id=\"").append(chartId)
                .append("\" role=\"img\" aria-label=\"").append(esc(chartLabel)).append("\"></div>\n")
                .append("<details><summary>Data table</summary><div class=\"table-wrap\"><table>");
    }

    private void close(String note) {
        out.append("</tbody></table></div></details>\n");
        if (note != null) {
            out.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
        }
        out.append("</section>\n");
    }

    private void bars(List<Bar> bars, String what, String attribute) {
        out.append("<thead><tr><th>").append(what).append("</th><th class=\"num\">entries</th><th class=\"num\">hours</th></tr></thead><tbody>\n");
        for (Bar b : bars) {
            out.append("<tr ").append(attribute).append("=\"").append(esc(b.label())).append("\"><td class=\"text\">")
                    .append(esc(b.label())).append("</td>").append(num(count(b.entries()), "entries"))
                    .append(num(hours(b.seconds()), "hours")).append("</tr>\n");
        }
    }

    private void entryTable(List<Entry> entries, boolean deleted) {
        out.append("<div class=\"table-wrap\"><table><thead><tr><th>description</th><th>project</th><th>started</th>")
                .append(deleted ? "<th>deleted</th>" : "").append("<th class=\"num\">hours</th></tr></thead><tbody>\n");
        for (Entry e : entries) {
            out.append("<tr data-id=\"").append(e.id()).append("\"><td class=\"text\">").append(esc(e.description()))
                    .append("</td><td>").append(esc(e.project())).append("</td><td>").append(localMinute(e.start())).append("</td>");
            if (deleted) {
                out.append("<td>").append(e.deletedAt().map(this::localMinute).orElse("–")).append("</td>");
            }
            out.append(num(hours(e.seconds()), "hours")).append("</tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }

    /** The chart data: values in hours for drawing, and the same labels the tables show. */
    private String data() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode weekly = root.putObject("weekly");
        strings(weekly.putArray("weeks"), m.weekly().weeks().stream().map(Object::toString).toList());
        ArrayNode series = weekly.putArray("series");
        for (Series s : m.weekly().series()) {
            ObjectNode node = series.addObject().put("name", s.name());
            s.seconds().forEach(v -> node.withArray("hours").add(plot(v)));
        }
        m.weekly().weekTotals().forEach(v -> weekly.withArray("totals").add(plot(v)));
        strings(weekly.putArray("totalLabels"), m.weekly().weekTotals().stream().map(HtmlReport::hours).toList());
        ObjectNode billable = root.putObject("billable");
        strings(billable.putArray("months"), m.billableByMonth().stream().map(b -> b.month().toString().substring(0, 7)).toList());
        for (Bucket b : m.billableByMonth()) {
            billable.withArray("billable").add(plot(b.billableSeconds()));
            billable.withArray("nonBillable").add(plot(b.nonBillableSeconds()));
            billable.withArray("billableLabels").add(hours(b.billableSeconds()));
            billable.withArray("nonBillableLabels").add(hours(b.nonBillableSeconds()));
        }
        barData(root.putObject("clients"), m.clients());
        barData(root.putObject("descriptions"), m.descriptions());
        m.users().ifPresent(u -> {
            ObjectNode users = root.putObject("users");
            strings(users.putArray("weeks"), u.weeks().stream().map(Object::toString).toList());
            strings(users.putArray("users"), u.users());
            ArrayNode cells = users.putArray("cells");
            ArrayNode cellLabels = users.putArray("cellLabels");
            double max = 0;
            for (int i = 0; i < u.users().size(); i++) {
                for (int w = 0; w < u.weeks().size(); w++) {
                    long s = u.seconds().get(i).get(w);
                    cells.addArray().add(w).add(i).add(plot(s));
                    cellLabels.add(hours(s));
                    max = Math.max(max, plot(s));
                }
            }
            users.put("max", Math.max(1, Math.ceil(max)));
        });
        // Inside <script>, "</" would end the element early: JSON allows "<" to be written as \u003c.
        return root.toString().replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static void barData(ObjectNode node, List<Bar> bars) {
        strings(node.putArray("labels"), bars.stream().map(Bar::label).toList());
        bars.forEach(b -> node.withArray("hours").add(plot(b.seconds())));
        strings(node.putArray("hourLabels"), bars.stream().map(b -> hours(b.seconds())).toList());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** Hours to draw with: two decimals are finer than a pixel. */
    private static double plot(long seconds) {
        return Math.round(seconds / 36.0) / 100.0;
    }

    /** Hours as every number on the page shows them: one decimal, rounded half up from exact seconds. */
    static String hours(long seconds) {
        return java.math.BigDecimal.valueOf(seconds).divide(java.math.BigDecimal.valueOf(3600), 1,
                java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    private String localDay(Instant i) {
        return i.atZone(m.zone()).toLocalDate().toString();
    }

    private String localMinute(Instant i) {
        return MINUTE.format(i.atZone(m.zone()));
    }

    private String age(Instant then) {
        long minutes = Math.max(0, (m.generatedAt().getEpochSecond() - then.getEpochSecond()) / 60);
        return minutes < 120 ? minutes + " min" : minutes < 48 * 60 ? minutes / 60 + " h" : minutes / 1440 + " days";
    }

    private static String kpi(String label, String value, String id) {
        return "<li id=\"" + id + "\"><b>" + esc(value) + "</b>" + esc(label) + "</li>";
    }

    private static String num(String value, String cssClass) {
        return "<td class=\"num" + (cssClass == null ? "" : " " + cssClass) + "\">" + value + "</td>";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

}
