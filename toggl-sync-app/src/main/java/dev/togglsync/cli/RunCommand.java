package dev.togglsync.cli;

import dev.togglsync.config.StreamNames;
import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.AdHocReplication;
import dev.togglsync.config.Connection;
import dev.togglsync.config.Connections;
import dev.togglsync.config.Environment;
import dev.togglsync.config.ReplicationPlan;
import dev.togglsync.config.Replication;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.engine.DryRun;
import dev.togglsync.engine.Engine;
import dev.togglsync.engine.PlannedLoad;
import dev.togglsync.engine.RunPlanner;
import dev.togglsync.engine.RunReport;
import dev.togglsync.toggl.SourceOptions;
import dev.togglsync.TogglSyncException;
import dev.togglsync.config.DurationText;
import dev.togglsync.engine.Schedule;
import dev.togglsync.engine.StopSignal;
import dev.togglsync.health.Health;
import dev.togglsync.health.HealthServer;
import dev.togglsync.health.SyncMetrics;
import dev.togglsync.http.HttpListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Replicates streams from the Toggl source into the target.",
            "Without -r: all eight streams from the single Toggl connection into duckdb://toggl.duckdb,"
                    + " time_entries incremental, the rest full-refresh."
        })
final class RunCommand implements Callable<ExitCode> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--replication"}, paramLabel = "FILE", description = "Replication YAML (Sling's format).")
    Path replication;

    @Option(names = "--streams", split = ",", paramLabel = "STREAM", completionCandidates = StreamNames.class,
            description = "Only these streams (comma-separated; globs like 'time_*' allowed).")
    List<String> streams;

    @Option(names = "--mode", paramLabel = "MODE", description = "Overrides every stream's mode: full-refresh, truncate, incremental, snapshot.")
    String mode;

    @Mixin
    OutputOption output;

    @Mixin
    AdHocOptions adHoc;

    @Option(names = "--dry-run",
            description = "Prints the plan (streams, order, modes, objects, the requests to expect and their quota"
                    + " buckets) and sends nothing to Toggl.")
    boolean dryRun;

    @Option(names = "--stdout",
            description = "Writes the records to standard output as JSON lines (one object per record, with a _stream"
                    + " field) instead of a target; keeps no state. The summary goes to standard error.")
    boolean stdout;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--every", paramLabel = "DURATION",
            description = "Runs the plan again and again in this process (e.g. 5m, 1h) until SIGTERM/SIGINT (exit 0):"
                    + " time_entries every cycle, the other streams as --refresh and --quota-budget allow.")
    String every;

    @Option(names = "--refresh", paramLabel = "DURATION",
            description = "With --every: how often the whole-read streams (all but time_entries incremental) run. Default: 1h.")
    String refresh;

    @Option(names = "--quota-budget", paramLabel = "PERCENT",
            description = "With --every: the largest share of any hourly quota bucket spent per hour. Default: 50.")
    Integer quotaBudget;

    @Option(names = "--health-port", paramLabel = "PORT",
            description = "With --every: serves GET /healthz and GET /metrics (Prometheus) on this port (0 = any free one).")
    Integer healthPort;

    @Option(names = "--health-bind", paramLabel = "ADDRESS",
            description = "With --health-port: the address to listen on. Default: 127.0.0.1.")
    String healthBind;

    RunCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public ExitCode call() {
        Schedule schedule = schedule();
        AdHocReplication flags = adHoc.flags(mode);
        if (replication != null && flags.given()) {
            throw TogglSyncException.invalidInput(String.join(", ", flags.flagsGiven()) + " with -r " + replication
                    + ": Sling would take the replication file and ignore the flag; toggl-sync refuses instead of"
                    + " ignoring it: put the setting in the file, or drop -r");
        }
        ReplicationPlan plan;
        String label;
        if (replication != null) {
            plan = Replication.load(environment.workDir().resolve(replication), environment, Logging::redact);
            label = replication.toString();
        } else if (flags.given()) {
            plan = Replication.adHoc(flags, environment.clock());
            label = "command line";
        } else {
            plan = Replication.defaultPlan();
            label = "default replication";
        }
        if (mode != null && !flags.given()) {
            plan = plan.withMode(Replication.parseMode(mode, "--mode"));
        }
        if (streams != null) {
            plan = plan.onlyStreams(streams);
        }
        Connections connections = Logging.redactAll(Connections.load(environment));
        TogglConnection source = connections.source(plan.source(), label + ": source");
        if (stdout) {
            return toStdout(source, plan);
        }
        Connection targetConnection = connections.target(plan.target(), label + ": target");
        Logging.redact(targetConnection);
        List<PlannedLoad> loads = RunPlanner.plan(plan);

        if (dryRun) {
            DryRun dry = Engine.plan(source, targetConnection, loads, environment.clock());
            if (output.json()) {
                DryRunPrinter.json(dry, spec.commandLine().getOut());
            } else {
                DryRunPrinter.text(dry, spec.commandLine().getOut());
            }
            return ExitCode.SUCCESS;
        }
        if (schedule != null) {
            return runEvery(source, targetConnection, loads, schedule);
        }
        RunReport report;
        try (ProgressDisplay progress = ProgressDisplay.forCommand(spec.commandLine().getErr(), logging.quiet);
                Interrupts interrupts = Interrupts.install(spec.commandLine().getErr(), progress)) {
            report = Engine.run(source, targetConnection, loads, progress.sourceOptions(SourceOptions.defaults()
                        .withClock(environment.clock()).withSleeper(interrupts.stop().sleeper())), interrupts,
                        interrupts.stop());
        }
        if (output.json()) {
            ReportPrinter.json(report, spec.commandLine().getOut());
        } else {
            ReportPrinter.text(report, spec.commandLine().getOut());
        }
        return report.exitCode();
    }

    /** Data alone on standard output; progress and the summary (text, or --output json) on standard error. */
    private ExitCode toStdout(TogglConnection source, ReplicationPlan plan) {
        if (dryRun) {
            throw dev.togglsync.TogglSyncException.invalidInput("run: --dry-run plans the loads into a target;"
                    + " leave out --stdout to see the plan");
        }
        RunReport report;
        try (ProgressDisplay progress = ProgressDisplay.forCommand(spec.commandLine().getErr(), logging.quiet)) {
            report = Engine.runToStdout(source, RunPlanner.plan(plan),
                    progress.sourceOptions(SourceOptions.defaults().withClock(environment.clock())), progress,
                    spec.commandLine().getOut());
        }
        if (output.json()) {
            ReportPrinter.json(report, spec.commandLine().getErr());
        } else {
            ReportPrinter.text(report, spec.commandLine().getErr());
        }
        return report.exitCode();
    }

    /** The --every options, checked before anything is read; null without --every. */
    private Schedule schedule() {
        if (every == null) {
            for (Object[] flag : new Object[][] {{"--refresh", refresh}, {"--quota-budget", quotaBudget},
                    {"--health-port", healthPort}, {"--health-bind", healthBind}}) {
                if (flag[1] != null) {
                    throw TogglSyncException.invalidInput(flag[0] + " works only with --every; add --every 5m, or drop "
                            + flag[0]);
                }
            }
            return null;
        }
        if (dryRun) {
            throw TogglSyncException.invalidInput("--every and --dry-run: a dry run sends nothing, so it has nothing"
                    + " to repeat; drop one of them");
        }
        if (healthBind != null && healthPort == null) {
            throw TogglSyncException.invalidInput("--health-bind works only with --health-port; add --health-port 9464");
        }
        if (healthPort != null && (healthPort < 0 || healthPort > 65_535)) {
            throw TogglSyncException.invalidInput("--health-port " + healthPort + ": must be 0..65535 (0 = any free port)");
        }
        return new Schedule(DurationText.parse(every, "--every"),
                refresh == null ? Schedule.DEFAULT_REFRESH : DurationText.parse(refresh, "--refresh"),
                quotaBudget == null ? Schedule.DEFAULT_QUOTA_BUDGET_PERCENT : quotaBudget);
    }

    private ExitCode runEvery(TogglConnection source, Connection target, List<PlannedLoad> loads, Schedule schedule) {
        PrintWriter err = spec.commandLine().getErr();
        StopSignal stop = StopSignal.create();
        SyncMetrics metrics = new SyncMetrics();
        Health health = new Health(environment.clock(), schedule.every());
        HealthServer server = null;
        try (StopOnSignal signals = StopOnSignal.install(stop);
                ProgressDisplay progress = ProgressDisplay.forCommand(err, logging.quiet)) {
            if (healthPort != null) {
                server = HealthServer.start(healthBind == null ? "127.0.0.1" : healthBind, healthPort, health, metrics);
                err.println("health: " + server.url() + "/healthz and " + server.url() + "/metrics");
                err.flush();
            }
            SourceOptions base = SourceOptions.defaults().withClock(environment.clock()).withSleeper(stop.sleeper());
            SourceOptions withProgress = progress.sourceOptions(base);
            SourceOptions options = withProgress.withListener(HttpListener.all(withProgress.listener(), metrics, health));
            ExitCode code = Engine.runEvery(source, target, loads, options, schedule, stop,
                    new EveryOutput(progress, List.of(health, metrics), err, logging.quiet));
            if (stop.requested()) {
                err.println("stopped on request (" + stop.reason().orElse("stop") + "): committed streams stay;"
                        + " the next run resumes");
                err.flush();
            }
            return code;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
