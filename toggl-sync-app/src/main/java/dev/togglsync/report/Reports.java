package dev.togglsync.report;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The report's one entry point (DESIGN.md §11): reads a target's synced tables with SQL and writes
 * one self-contained HTML file. The target is only read.
 */
public final class Reports {
    private static final String ECHARTS_POM = "/META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private Reports() {}

    /**
     * What to report on and where.
     *
     * @param schema where the stream tables are; empty = the one schema holding time_entries
     * @param now running entries are counted up to this instant; the page shows it as the generation time
     */
    public record Request(Connection target, Optional<String> schema, ReportFilter filter, Instant now) {
        public Request {
            now = now.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /** A written report: where, how large, and what it counted (for the command's closing line). */
    public record Written(Path file, long bytes, String target, long entries, long seconds) {}

    /** Reads the target and writes the report to {@code out}, via a temporary file renamed into place. */
    public static Written write(Request request, Path out) {
        ReportModel model;
        String describe;
        try (ReportDatabase db = ReportDatabase.open(request.target())) {
            describe = db.describe();
            model = new ReportReader(db, request.schema(), request.filter(), request.now()).read();
        }
        byte[] html = HtmlReport.render(model, assets()).getBytes(StandardCharsets.UTF_8);
        Path file = out.toAbsolutePath().normalize();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            // Not createTempFile: its mode 0600 would outlive the rename; a report is meant to be shared.
            Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            try {
                Files.write(tmp, html);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw TogglSyncException.invalidInput("--out " + out + ": cannot write the report: " + e.getMessage()
                    + "; choose a writable path");
        }
        return new Written(file, html.length, describe, model.totals().entries(), model.totals().seconds());
    }

    /** The SQL the report would run against this target, with its parameters ({@code --show-sql}). */
    public static List<String> sql(Request request) {
        try (ReportDatabase db = ReportDatabase.open(request.target())) {
            return new ReportReader(db, request.schema(), request.filter(), request.now()).queries().all().stream()
                    .map(Query::describe).toList();
        }
    }

    /** Hours as the page shows them, for callers that print a total next to the file name. */
    public static String hours(long seconds) {
        return HtmlReport.hours(seconds);
    }

    private static HtmlReport.Assets assets() {
        String version = echartsVersion();
        return new HtmlReport.Assets(
                resource("/META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js"), version,
                resource("/dev/togglsync/report/report.css"), resource("/dev/togglsync/report/report.js"));
    }

    private static String echartsVersion() {
        try (InputStream in = Reports.class.getResourceAsStream(ECHARTS_POM)) {
            if (in == null) {
                throw missing(ECHARTS_POM);
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw missing(ECHARTS_POM);
        }
    }

    private static String resource(String path) {
        try (InputStream in = Reports.class.getResourceAsStream(path)) {
            if (in == null) {
                throw missing(path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw missing(path);
        }
    }

    /** A packaging fault, not the user's: the jar lacks a file the build should have put there. */
    private static IllegalStateException missing(String path) {
        return new IllegalStateException("the report asset " + path + " is missing from the build; rebuild toggl-sync");
    }
}
