package dev.togglsync.cli;

import dev.togglsync.ExitCode;
import dev.togglsync.config.DuckDbConnection;
import dev.togglsync.config.Environment;
import dev.togglsync.config.Replication;
import dev.togglsync.Secret;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.engine.Engine;
import dev.togglsync.engine.PlannedLoad;
import dev.togglsync.engine.RunPlanner;
import dev.togglsync.engine.RunReport;
import dev.togglsync.engine.StateTargets;
import dev.togglsync.engine.StreamReport;
import dev.togglsync.engine.StreamStatus;
import dev.togglsync.toggl.TogglStream;
import dev.togglsync.report.ReportFilter;
import dev.togglsync.report.Reports;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.Target;
import dev.togglsync.toggl.SourceOptions;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A sync anyone can try without a token (DESIGN.md §1): the bundled simulator on a free loopback
 * port, and a real run of the default plan into a DuckDB file, through the same code as
 * {@code run} ({@link Engine#run}). Only the connection is made up: the simulator's URL and token,
 * a rate fast enough for a demo yet still paced, and a quota large enough never to wait.
 *
 * <p>Run again, the demo is incremental for time_entries: the state is in the file, the simulator
 * generates the same account (see {@link DemoClock}) and first makes a few changes
 * ({@link DemoChanges}), which are what the second sync finds.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Syncs the bundled Toggl simulator into ./toggl-demo.duckdb (no token needed).",
            "Starts the simulator on a free 127.0.0.1 port, runs every stream through the same code as `run`, prints",
            "the summary and a sample query, writes toggl-demo-report.html beside the file, stops the simulator.",
            "Run it twice: the second run is incremental."
        })
final class DemoCommand implements Callable<ExitCode> {
    static final String DEFAULT_FILE = "toggl-demo.duckdb";
    /** Written beside the DuckDB file after a successful sync (DESIGN.md §11). */
    static final String REPORT_FILE = "toggl-demo-report.html";
    /** The source name its state is kept under in the file. */
    static final String CONNECTION = "TOGGL_DEMO";
    /** Paced like a real run, only faster: a demo's ~15 requests take under a second. */
    static final double RATE = 20;
    /** Requests per hour in every simulated quota bucket: more than a demo sends, so it never waits. */
    static final int QUOTA = 10_000;

    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "PATH",
            description = "the DuckDB file to write (default: ${DEFAULT-VALUE} in the working directory)")
    Path file = Path.of(DEFAULT_FILE);

    @Mixin
    LoggingOptions logging;

    DemoCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public ExitCode call() {
        PrintWriter out = spec.commandLine().getOut();
        Path path = environment.workDir().resolve(file).normalize();
        DuckDbConnection target = new DuckDbConnection("DEMO", path);
        Optional<Instant> cursor = storedCursor(target, environment.clock());
        List<PlannedLoad> loads = RunPlanner.plan(Replication.defaultPlan());

        DemoClock clock = new DemoClock(environment.clock().instant());
        RunReport report;
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withClock(clock).withQuota(QUOTA))) {
            clock.release();
            out.println("demo: Toggl simulator on " + sim.baseUrl() + " (the same account all day, "
                    + "generated around " + clock.dataAnchor() + "); syncing every stream into " + path);
            if (cursor.isPresent()) {
                out.println("demo: in the simulator since the last demo: " + DemoChanges.apply(sim.dataset()));
            }
            out.println();
            out.flush();
            TogglConnection source = new TogglConnection(CONNECTION, Secret.of(sim.token()), Optional.empty(),
                    URI.create(sim.baseUrl()), RATE, Duration.ofMinutes(1), List.of());
            try (ProgressDisplay progress = ProgressDisplay.forCommand(spec.commandLine().getErr(), logging.quiet);
                    Interrupts interrupts = Interrupts.install(spec.commandLine().getErr(), progress)) {
                report = Engine.run(source, target, loads, progress.sourceOptions(SourceOptions.defaults()
                        .withClock(environment.clock()).withSleeper(interrupts.stop().sleeper())), interrupts,
                        interrupts.stop());
            }
        }
        ReportPrinter.text(report, out);
        out.println();
        report.streams().stream().filter(s -> s.stream().equals(TogglStream.TIME_ENTRIES.streamName())).findFirst()
                .ifPresent(s -> out.println(timeEntriesNote(s, cursor, path)));
        if (report.streams().stream().allMatch(s -> s.status() == StreamStatus.SUCCESS)) {
            out.println();
            DemoQuery.print(path, out);
            out.println();
            out.println("The tables are in " + path + ": one per stream (SELECT * FROM time_entries).");
            Reports.Written html = Reports.write(new Reports.Request(target, Optional.empty(), ReportFilter.ALL,
                    environment.clock().instant()), path.resolveSibling(REPORT_FILE));
            out.println("The report (charts of these hours, opens offline in a browser): " + html.file());
            out.println("Next: ./toggl-sync state show duckdb://" + path + ", or a real account: TOGGL_API_TOKEN=... ./toggl-sync run");
        }
        out.flush();
        return report.exitCode();
    }

    /** The time_entries cursor an earlier demo left in the file, without creating the file. */
    private static Optional<Instant> storedCursor(DuckDbConnection target, Clock clock) {
        Optional<Target> opened = StateTargets.openExisting(target, clock);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (Target t = opened.get()) {
            return t.state(CONNECTION, TogglStream.TIME_ENTRIES.streamName()).flatMap(StreamState::cursor);
        }
    }

    private static String timeEntriesNote(StreamReport s, Optional<Instant> cursor, Path file) {
        if (s.status() != StreamStatus.SUCCESS) {
            return "time_entries: " + s.status().label();
        }
        return cursor.map(c -> "time_entries: incremental: " + ProgressDisplay.count(DemoQuery.changedSince(file, c), "change")
                        + " since " + c + " (" + s.rows() + (s.rows() == 1 ? " entry" : " entries")
                        + " read: the API is asked from 60 s before the cursor, and the overlap is upserted by id;"
                        + " a delete stays as a row with server_deleted_at)")
                .orElse("time_entries: first sync: every entry of the last 90 days; run the demo again for an incremental"
                        + " sync");
    }
}
