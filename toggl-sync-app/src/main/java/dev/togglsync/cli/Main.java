package dev.togglsync.cli;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.Version;
import dev.togglsync.config.Environment;
import dev.togglsync.config.Masking;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code toggl-sync} command tree, and the one place where the process meets the commands:
 * logging is installed for every command ({@link #runCommand}), a command's
 * {@link ExitCode} becomes the process's exit code, and a failure becomes an {@code error:} line and
 * its exit code. Commands only throw and return.
 */
@Command(
        name = "toggl-sync",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Replicates a Toggl Track account into DuckDB, PostgreSQL, SQLite or Parquet/CSV/JSON-lines files, and reports on it.",
        subcommands = {
            RunCommand.class,
            ConnsCommand.class,
            StateCommand.class,
            ReportCommand.class,
            DemoCommand.class,
            SimulatorCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        return newCommandLine(Environment.system());
    }

    /** The command tree for {@code environment} (tests pass their own variables, home and working directory). */
    public static CommandLine newCommandLine(Environment environment) {
        CommandLine cl = new CommandLine(new Main(), new CommandFactory(environment));
        cl.setExecutionStrategy(Main::runCommand);
        cl.setExecutionExceptionHandler(Main::handleFailure);
        cl.setParameterExceptionHandler(Main::handleBadArguments);
        cl.setExitCodeExceptionMapper(t -> ExitCode.UNEXPECTED.code());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command the arguments name, after installing the stderr log handler (with secret
     * scrubbing) at the level {@code -d} asks for: every command logs through it, whichever it is.
     */
    private static int runCommand(CommandLine.ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        CommandLine command = chain.get(chain.size() - 1);
        Logging.install(debug(parsed), command.getErr());
        int code = new CommandLine.RunLast().execute(parsed);
        // Commands return an ExitCode (picocli counts only Integer results); help and usage return nothing.
        return command.getExecutionResult() instanceof ExitCode exit ? exit.code() : code;
    }

    private static int handleFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = debug(parsed);
        if (e instanceof TogglSyncException t) {
            err.println(Logging.scrub("error: " + t.getMessage()));
            if (debug && t.getCause() != null) {
                err.print(stackTrace(t.getCause()));
            }
            err.flush();
            return t.exitCode().code();
        }
        err.println(Logging.scrub("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + (debug ? "" : " (run with -d for the stack trace)")));
        if (debug) {
            err.print(stackTrace(e));
        }
        err.flush();
        return ExitCode.UNEXPECTED.code();
    }

    /** {@code -d} belongs to the subcommands ({@code run -d}, {@link LoggingOptions}), so the whole chain is asked. */
    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("-d")) {
                return true;
            }
        }
        return false;
    }

    /** A driver's or library's message is not ours to vouch for: the trace is scrubbed like a log line. */
    private static String stackTrace(Throwable t) {
        java.io.StringWriter trace = new java.io.StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        return Logging.scrubLines(trace.toString());
    }

    private static int handleBadArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        // picocli quotes the arguments it could not match: one may be a URL with a password.
        err.println(Logging.scrub("error: " + Masking.connection(e.getMessage())));
        err.println("see: " + cl.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return ExitCode.INVALID_INPUT.code();
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"toggl-sync " + Version.get() + " (commit " + Version.commit() + ")"};
        }
    }
}
