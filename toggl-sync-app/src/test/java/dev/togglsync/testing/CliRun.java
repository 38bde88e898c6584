package dev.togglsync.testing;

import dev.togglsync.cli.Main;
import dev.togglsync.config.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One command line run through the real command tree with a test environment; out and err captured. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun of(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.newCommandLine(environment);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
