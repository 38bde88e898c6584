package dev.togglsync.cli;

import dev.togglsync.config.StreamNames;
import dev.togglsync.ExitCode;
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

    @Option(names = "--dry-run",
            description = "Prints the plan (streams, order, modes, objects, the requests to expect and their quota"
                    + " buckets) and sends nothing to Toggl.")
    boolean dryRun;

    @Mixin
    LoggingOptions logging;

    RunCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public ExitCode call() {
        ReplicationPlan plan = replication == null
                ? Replication.defaultPlan()
                : Replication.load(environment.workDir().resolve(replication), environment.clock());
        String label = replication == null ? "default replication" : replication.toString();
        if (mode != null) {
            plan = plan.withMode(Replication.parseMode(mode, "--mode"));
        }
        if (streams != null) {
            plan = plan.onlyStreams(streams);
        }
        Connections connections = Logging.redactAll(Connections.load(environment));
        TogglConnection source = connections.source(plan.source(), label + ": source");
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
        try (ProgressDisplay progress = ProgressDisplay.forCommand(spec.commandLine().getErr(), logging.quiet)) {
            report = Engine.run(source, targetConnection, loads,
                    progress.sourceOptions(SourceOptions.defaults().withClock(environment.clock())), progress);
        }
        if (output.json()) {
            ReportPrinter.json(report, spec.commandLine().getOut());
        } else {
            ReportPrinter.text(report, spec.commandLine().getOut());
        }
        return report.exitCode();
    }
}
