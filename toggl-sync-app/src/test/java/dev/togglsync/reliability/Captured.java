package dev.togglsync.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything the reliability suite sees of toggl-sync, kept for one scan at the end
 * ({@code SecretScanIT}): command-line stdout and stderr, child processes' output, every log record
 * under {@code dev.togglsync} (with stack traces), run reports, and dumps of every table and state
 * row. Tests register the secrets they hand out (tokens, passwords) with {@link #secret}.
 */
final class Captured {
    private record Text(String source, String text) {}

    private static final List<Text> TEXTS = Collections.synchronizedList(new ArrayList<>());
    private static final Set<String> SECRETS = Collections.synchronizedSet(new LinkedHashSet<>());
    /** Kept strongly: JUL holds loggers weakly, and a collected logger would take the handler with it. */
    private static final Logger PRODUCT = Logger.getLogger("dev.togglsync");

    static {
        Handler handler = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                TEXTS.add(new Text("log " + r.getLoggerName(), format.format(r)));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        handler.setLevel(Level.ALL);
        // Logging.install replaces the root logger's handlers, never this one.
        PRODUCT.addHandler(handler);
    }

    private Captured() {}

    /** Keeps {@code text} for the final scan and returns it. */
    static String add(String source, String text) {
        if (text != null && !text.isEmpty()) {
            TEXTS.add(new Text(source, text));
        }
        return text;
    }

    static void add(String source, Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        add(source, out.toString());
    }

    /** A value that must never show up: itself and its Basic-auth form are searched for. */
    static void secret(String value) {
        SECRETS.add(value);
        SECRETS.add(Base64.getEncoder().encodeToString((value + ":api_token").getBytes(StandardCharsets.UTF_8)));
    }

    static int texts() {
        return TEXTS.size();
    }

    static long characters() {
        synchronized (TEXTS) {
            return TEXTS.stream().mapToLong(t -> t.text().length()).sum();
        }
    }

    static int secrets() {
        return SECRETS.size();
    }

    /** One line per captured text that holds a secret: where it came from and which secret (by number). */
    static List<String> leaks() {
        List<String> leaks = new ArrayList<>();
        List<String> secrets;
        synchronized (SECRETS) {
            secrets = List.copyOf(SECRETS);
        }
        synchronized (TEXTS) {
            for (Text t : TEXTS) {
                for (int i = 0; i < secrets.size(); i++) {
                    if (t.text().contains(secrets.get(i))) {
                        leaks.add(t.source() + " holds secret #" + i);
                    }
                }
            }
        }
        return leaks;
    }
}
