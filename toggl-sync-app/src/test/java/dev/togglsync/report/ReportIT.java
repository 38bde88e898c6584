package dev.togglsync.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.Secret;
import dev.togglsync.config.Connection;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.Replication;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.engine.Engine;
import dev.togglsync.engine.RunListener;
import dev.togglsync.engine.RunPlanner;
import dev.togglsync.engine.RunReport;
import dev.togglsync.engine.StreamStatus;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.Chromium;
import dev.togglsync.testing.TestTargets;
import dev.togglsync.toggl.SourceOptions;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the simulator's account, synced for real into DuckDB and PostgreSQL, rendered in
 * a real headless Chromium: charts drawn, no console errors, the numbers on the page equal to SQL
 * written here independently and run against the target, a screenshot that is not blank, and the
 * same page from both databases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportIT {
    /** The screenshot a person can look at after the build (the README's picture is a copy). */
    static final Path SCREENSHOT = Path.of("target", "report-it", "report.png");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @TempDir
    static Path dir;

    private Simulator sim;
    private Connection duck;
    private Connection pg;
    private Instant now;

    @BeforeAll
    void syncTheSimulatorIntoBothDatabases() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults().withUserTimeZone(ZONE));
        duck = TestTargets.DUCKDB.fresh(dir);
        pg = TestTargets.POSTGRES.fresh(dir);
        sync(duck);
        sync(pg);
        copyStateRows(duck, pg);
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    private void sync(Connection target) {
        TogglConnection source = new TogglConnection("TOGGL_TRACK", Secret.of(sim.token()), Optional.empty(),
                URI.create(sim.baseUrl()), 1000, Duration.ofHours(1), List.of());
        SourceOptions options = SourceOptions.defaults().withSleeper(d -> {});
        RunReport report = Engine.run(source, target, RunPlanner.plan(Replication.defaultPlan()), options, RunListener.NONE);
        assertThat(report.streams()).allMatch(s -> s.status() == StreamStatus.SUCCESS);
    }

    /**
     * The two syncs committed a few hundred milliseconds apart, and the freshness panel shows when:
     * "the same data" includes the state rows, so PostgreSQL gets DuckDB's.
     */
    private static void copyStateRows(Connection from, Connection to) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        try (java.sql.Connection c = TestTargets.open(from); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT stream, CAST(value AS TEXT) FROM _toggl_sync_state")) {
            while (r.next()) {
                values.put(r.getString(1), r.getString(2));
            }
        }
        try (java.sql.Connection c = TestTargets.open(to);
                PreparedStatement p = c.prepareStatement("UPDATE _toggl_sync_state SET value = CAST(? AS JSONB) WHERE stream = ?")) {
            for (var e : values.entrySet()) {
                p.setString(1, e.getValue());
                p.setString(2, e.getKey());
                assertThat(p.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private Path write(Connection target, String name) {
        return Reports.write(new Reports.Request(target, Optional.empty(), ReportFilter.ALL, now), dir.resolve(name)).file();
    }

    @Test
    void chromiumDrawsEveryChartAndShowsTheNumbersTheSqlGives() throws Exception {
        Chromium chromium = Chromium.require();
        Path html = write(duck, "report.html");

        Chromium.Run run = chromium.dumpDom(html, 1100, 3400);
        String dom = run.stdout();

        assertThat(run.console()).as("console messages").isEmpty();
        assertThat(dom).doesNotContain("data-errors=").contains("data-charts=\"4\"");
        for (String chart : List.of("chart-weekly", "chart-billable", "chart-clients", "chart-descriptions")) {
            assertThat(dom).as(chart + " drawn as SVG by ECharts")
                    .containsPattern("id=\"" + chart + "\"[^>]*data-rendered=\"true\"[^>]*>\\s*<div[^>]*>\\s*<svg");
        }

        List<String> weekTotals = sqlWeekTotals();
        assertThat(weekTotals).hasSizeGreaterThan(10);
        assertThat(rows(dom, "<tr data-week=\"([0-9-]+)\">.*?<td class=\"num total\">([0-9.]+)</td>"))
                .containsExactlyElementsOf(weekTotals);
        // The chart's own labels (drawn by the script as SVG text) show the same totals.
        assertThat(svgTexts(dom, "chart-weekly")).containsAll(values(weekTotals));

        List<String> billable = sqlBillableByMonth();
        assertThat(rows(dom, "<tr data-month=\"([0-9-]+)\"><th>[^<]*</th><td class=\"num billable\">([0-9.]+)</td>"
                + "<td class=\"num non-billable\">([0-9.]+)</td>")).containsExactlyElementsOf(billable);
        assertThat(svgTexts(dom, "chart-billable")).containsAll(values(billable));

        List<String> clients = sqlClientTotals();
        assertThat(clients).hasSizeGreaterThan(3);
        assertThat(rows(dom, "<tr data-client=\"([^\"]*)\">.*?<td class=\"num hours\">([0-9.]+)</td>"))
                .containsExactlyInAnyOrderElementsOf(clients);
        assertThat(svgTexts(dom, "chart-clients")).containsAll(values(clients));

        // The account's time zone, the running entry and the deletes are all there.
        assertThat(dom).contains("<b>Europe/Berlin</b>").contains("1 entry is running");
        assertThat(dom).containsPattern("\\d+ entries were deleted in Toggl");
        assertThat(dom).contains("report_time_entries").contains("<tr data-stream=\"time_entries\">");

        Files.createDirectories(SCREENSHOT.getParent());
        Chromium.Run shot = chromium.screenshot(html, SCREENSHOT, 1100, 3400);
        assertThat(shot.console()).isEmpty();
        assertNotBlank(SCREENSHOT);

        // A phone: every chart is still drawn, nothing fails.
        Chromium.Run narrow = chromium.dumpDom(html, 375, 2000);
        assertThat(narrow.console()).isEmpty();
        assertThat(narrow.stdout()).contains("data-charts=\"4\"").doesNotContain("data-errors=");
        Path phone = SCREENSHOT.resolveSibling("report-375px.png");
        chromium.screenshot(html, phone, 375, 2400);
        assertNotBlank(phone);
    }

    @Test
    void duckDbAndPostgresGiveTheSamePage() throws Exception {
        String fromDuck = Files.readString(write(duck, "duck.html"));
        String fromPostgres = Files.readString(write(pg, "pg.html"));

        // The same "now" for both, so even the generation time agrees: the pages are identical.
        assertThat(fromPostgres).isEqualTo(fromDuck);
        assertThat(fromDuck).contains("<tr data-week=").contains("<tr data-client=").contains("<tr data-stream=");
    }

    /** Week (Monday, Berlin) → hours, written without the report's SQL: date_diff and timezone(). */
    private List<String> sqlWeekTotals() throws Exception {
        return query("""
                SELECT CAST(CAST(date_trunc('week', timezone('Europe/Berlin', start)) AS DATE) AS VARCHAR),
                       sum(date_diff('second', start, coalesce(stop, CAST(? AS TIMESTAMPTZ))))
                FROM time_entries WHERE server_deleted_at IS NULL GROUP BY 1 ORDER BY 1""");
    }

    private List<String> sqlBillableByMonth() throws Exception {
        List<String> split = new java.util.ArrayList<>();
        try (java.sql.Connection c = TestTargets.open(duck); PreparedStatement p = c.prepareStatement("""
                SELECT strftime(timezone('Europe/Berlin', start), '%Y-%m'),
                       sum(CASE WHEN billable THEN date_diff('second', start, coalesce(stop, CAST(? AS TIMESTAMPTZ))) ELSE 0 END),
                       sum(CASE WHEN billable THEN 0 ELSE date_diff('second', start, coalesce(stop, CAST(? AS TIMESTAMPTZ))) END)
                FROM time_entries WHERE server_deleted_at IS NULL GROUP BY 1 ORDER BY 1""")) {
            p.setString(1, now.toString());
            p.setString(2, now.toString());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    split.add(r.getString(1) + " → " + hours(r.getLong(2)) + " " + hours(r.getLong(3)));
                }
            }
        }
        return split;
    }

    private List<String> sqlClientTotals() throws Exception {
        return query("""
                SELECT coalesce(c.name, '(no client)'),
                       sum(date_diff('second', t.start, coalesce(t.stop, CAST(? AS TIMESTAMPTZ))))
                FROM time_entries t
                LEFT JOIN projects p ON p.id = t.project_id
                LEFT JOIN clients c ON c.id = p.client_id
                WHERE t.server_deleted_at IS NULL
                GROUP BY c.id, c.name ORDER BY 2 DESC LIMIT 25""");
    }

    private List<String> query(String sql) throws Exception {
        List<String> result = new java.util.ArrayList<>();
        try (java.sql.Connection c = TestTargets.open(duck); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, now.toString());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    result.add(r.getString(1) + " → " + hours(r.getLong(2)));
                }
            }
        }
        return result;
    }

    private static String hours(long seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP).toPlainString();
    }

    /** "group 1 → groups 2.. joined by a space" for each match, in page order. */
    private static List<String> rows(String dom, String regex) {
        List<String> rows = new java.util.ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(dom);
        while (m.find()) {
            StringBuilder v = new StringBuilder(m.group(2));
            for (int g = 3; g <= m.groupCount(); g++) {
                v.append(' ').append(m.group(g));
            }
            rows.add(unescape(m.group(1)) + " → " + v);
        }
        return rows;
    }

    /** The text elements ECharts drew inside one chart's SVG. */
    private static Set<String> svgTexts(String dom, String chartId) {
        int start = dom.indexOf("id=\"" + chartId + "\"");
        String chart = dom.substring(start, dom.indexOf("</svg>", start));
        Set<String> texts = new HashSet<>();
        Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(chart);
        while (m.find()) {
            texts.add(m.group(1));
        }
        return texts;
    }

    /** The numbers of "label → n [n]" rows, zeros left out (a zero segment draws no label). */
    private static List<String> values(List<String> rows) {
        return rows.stream().flatMap(r -> List.of(r.substring(r.indexOf(" → ") + 3).split(" ")).stream())
                .filter(v -> !v.equals("0.0")).toList();
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** Not one colour: at least a tenth of the pixels differ from the page background, in many colours. */
    private static void assertNotBlank(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as(png + " is a PNG").isNotNull();
        int background = image.getRGB(0, 0);
        long differing = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                if (rgb != background) {
                    differing++;
                }
            }
        }
        long sampled = (long) ((image.getWidth() + 1) / 2) * ((image.getHeight() + 1) / 2);
        assertThat(differing).as("pixels unlike the background in " + png).isGreaterThan(sampled / 10);
        assertThat(colours).as("distinct colours in " + png).hasSizeGreaterThan(50);
    }
}
