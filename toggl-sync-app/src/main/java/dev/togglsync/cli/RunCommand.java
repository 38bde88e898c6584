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

    RunCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public ExitCode call() {
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
        RunReport report;
        try (ProgressDisplay progress = ProgressDisplay.forCommand(spec.commandLine().getErr(), logging.quiet);
                Interrupts interrupts = Interrupts.install(spec.commandLine().getErr(), progress)) {
            report = Engine.run(source, targetConnection, loads,
                    progress.sourceOptions(SourceOptions.defaults().withClock(environment.clock())), interrupts);
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
}
