package dev.togglsync.cli;

import dev.togglsync.Printable;
import dev.togglsync.config.Connection;
import dev.togglsync.config.ConnectionEntry;
import dev.togglsync.config.Connections;
import dev.togglsync.config.PostgresConnection;
import dev.togglsync.config.TogglConnection;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes java.util.logging to stderr as one line per record: warnings always, request details with
 * {@code -d}. The formatter is the last line of defence for secrets: every known secret (and its
 * Basic-auth encoding) is replaced by {@code ****} before a line is written.
 */
final class Logging {
    private static final Logger ROOT = Logger.getLogger("dev.togglsync");
    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Runnable NOTHING = () -> {};
    private static volatile Runnable beforeLine = NOTHING;

    private Logging() {}

    /** Installs the stderr handler (once per process) at the level {@code -d} asks for. */
    static synchronized void install(boolean debug, PrintWriter err) {
        Logger jul = Logger.getLogger("");
        for (Handler h : jul.getHandlers()) {
            jul.removeHandler(h);
        }
        Handler handler = new StderrHandler(err);
        handler.setLevel(debug ? Level.ALL : Level.WARNING);
        jul.addHandler(handler);
        jul.setLevel(Level.WARNING);
        ROOT.setLevel(debug ? Level.FINE : Level.INFO);
    }

    /**
     * Registers a secret to be masked in every log line from now on, whatever its length: a
     * one-character password masks every occurrence of that character, which is ugly but shows
     * nothing of it.
     */
    static void redact(String secret) {
        if (secret == null || secret.isEmpty() || SECRETS.contains(secret)) {
            return;
        }
        SECRETS.add(secret);
        SECRETS.add(Base64.getEncoder().encodeToString((secret + ":api_token").getBytes(StandardCharsets.UTF_8)));
        // Longest first: a short secret inside a longer one must not break the longer one up before it is found.
        SECRETS.sort(Comparator.comparingInt(String::length).reversed());
    }

    /**
     * Runs {@code action} before each log line is written: a live progress line clears itself so
     * that a warning starts on a line of its own. {@code null} removes it.
     */
    static void beforeEachLine(Runnable action) {
        beforeLine = action == null ? NOTHING : action;
    }

    /** Registers every secret the loaded connections hold (tokens, passwords); returns them unchanged. */
    static Connections redactAll(Connections connections) {
        for (ConnectionEntry entry : connections.entries()) {
            entry.connection().ifPresent(Logging::redact);
        }
        return connections;
    }

    /** Registers the secret a connection holds, if any (a target given inline as a URL is no entry). */
    static void redact(Connection connection) {
        if (connection instanceof TogglConnection t) {
            redact(t.apiToken().reveal());
        } else if (connection instanceof PostgresConnection pg && pg.password() != null) {
            redact(pg.password().reveal());
        }
    }

    /**
     * One line fit to print: every known secret replaced by {@code ****}, and every control
     * character by {@code ?} (a field name or error body from the API could carry a terminal
     * escape sequence, or a line break forging a line of ours).
     */
    static String scrub(String text) {
        String out = text;
        for (String s : SECRETS) {
            out = out.replace(s, "****");
        }
        return Printable.of(out);
    }

    /** Several lines (a stack trace), each as {@link #scrub} makes it. */
    static String scrubLines(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\\R", -1)) {
            if (out.length() > 0) {
                out.append(System.lineSeparator());
            }
            out.append(scrub(line));
        }
        return out.toString();
    }

    private static final class StderrHandler extends ConsoleHandler {
        private final PrintWriter err;

        StderrHandler(PrintWriter err) {
            this.err = err;
            setFormatter(new OneLine());
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                beforeLine.run();
                err.print(getFormatter().format(record));
                err.flush();
            }
        }
    }

    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            String level = r.getLevel().intValue() >= Level.SEVERE.intValue() ? "error"
                    : r.getLevel().intValue() >= Level.WARNING.intValue() ? "warning"
                    : r.getLevel().intValue() >= Level.INFO.intValue() ? "info" : "debug";
            StringBuilder line = new StringBuilder();
            if (!level.equals("warning") && !level.equals("error")) {
                line.append(LocalTime.now().format(TIME)).append(' ');
            }
            line.append(level).append(": ").append(formatMessage(r));
            String text = scrub(line.toString());
            if (r.getThrown() != null && ROOT.isLoggable(Level.FINE)) {
                java.io.StringWriter sw = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(sw));
                text += System.lineSeparator() + scrubLines(sw.toString().stripTrailing());
            }
            return text + System.lineSeparator();
        }
    }
}
