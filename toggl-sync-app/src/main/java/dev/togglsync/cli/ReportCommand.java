package dev.togglsync.cli;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Connection;
import dev.togglsync.config.Connections;
import dev.togglsync.config.Environment;
import dev.togglsync.report.ReportFilter;
import dev.togglsync.report.Reports;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Writes an HTML report of the synced hours (one self-contained file: it opens offline).",
            "Hours per week by project, billable per month, per client, per user (with report_time_entries),",
            "top descriptions, running and deleted entries, and the sync state. The target is only read.",
            "Examples:",
            "  toggl-sync report",
            "  toggl-sync report MY_POSTGRES --from 2024-01-01 --out hours.html",
            "  toggl-sync report --show-sql"
        })
final class ReportCommand implements Callable<ExitCode> {
    static final String DEFAULT_OUT = "toggl-report.html";

    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    TargetOption target;

    @Option(names = "--out", paramLabel = "FILE", description = "the HTML file to write (default: ${DEFAULT-VALUE})")
    Path out = Path.of(DEFAULT_OUT);

    @Option(names = "--from", paramLabel = "DATE", description = "only entries started on or after this day (YYYY-MM-DD, account time zone)")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "only entries started on or before this day (YYYY-MM-DD)")
    String to;

    @Option(names = "--workspace", paramLabel = "ID", description = "only entries of this workspace id")
    Long workspace;

    @Option(names = "--schema", paramLabel = "NAME",
            description = "the schema holding the stream tables (default: the one schema with a time_entries table)")
    String schema;

    @Option(names = "--show-sql", description = "print the SQL the report runs (with its parameters) and write nothing")
    boolean showSql;

    ReportCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public ExitCode call() {
        Connection c = Logging.redactAll(Connections.load(environment)).target(target.value(), "report");
        ReportFilter filter = new ReportFilter(date("--from", from), date("--to", to),
                workspace == null ? OptionalLong.empty() : OptionalLong.of(workspace));
        Reports.Request request = new Reports.Request(c, Optional.ofNullable(schema), filter, environment.clock().instant());
        PrintWriter o = spec.commandLine().getOut();
        if (showSql) {
            Reports.sql(request).forEach(o::println);
            o.flush();
            return ExitCode.SUCCESS;
        }
        Reports.Written w = Reports.write(request, environment.workDir().resolve(out));
        o.println("report: " + w.file() + " (" + String.format(Locale.ROOT, "%,d", w.bytes()) + " bytes; "
                + String.format(Locale.ROOT, "%,d", w.entries()) + " entries, " + Reports.hours(w.seconds()) + " h from "
                + w.target() + ")");
        o.flush();
        return ExitCode.SUCCESS;
    }

    private static Optional<LocalDate> date(String option, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw TogglSyncException.invalidInput(option + " " + value + ": not a date; write it as YYYY-MM-DD, e.g. 2024-01-31");
        }
    }
}
