package dev.togglsync.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Each text and each secret is attributed to the scenario (test class and method) running when
 * it was captured, told by {@link ScenarioListener}, so the scan can check its floor against the
 * suite: every scenario contributed, every secret was handed out by a scenario that then produced
 * text in which it could have leaked.
 */
final class Captured {
    /** A test method of a test class; {@code method} is empty for a class's set-up and tear-down. */
    record Scenario(String testClass, String method) {
        static final Scenario NONE = new Scenario("", "");
    }

    private record Text(String source, String text, Scenario scenario) {}

    /** A secret handed out by {@code scenario}, named by {@code what}; {@code textsBefore} = texts captured before it. */
    record Registration(Scenario scenario, String what, int textsBefore) {}

    private static final List<Text> TEXTS = Collections.synchronizedList(new ArrayList<>());
    private static final Set<String> SECRETS = Collections.synchronizedSet(new LinkedHashSet<>());
    private static final List<Registration> REGISTRATIONS = Collections.synchronizedList(new ArrayList<>());
    private static volatile Scenario current = Scenario.NONE;
    /** A thread's own scenario, for work a test hands to other threads (CrashRecoveryIT's series). */
    private static final ThreadLocal<Scenario> OWN = new ThreadLocal<>();
    private static volatile Set<String> plannedClasses = Set.of();
    /** Kept strongly: JUL holds loggers weakly, and a collected logger would take the handler with it. */
    private static final Logger PRODUCT = Logger.getLogger("dev.togglsync");

    static {
        Handler handler = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                TEXTS.add(new Text("log " + r.getLoggerName(), format.format(r), scenario()));
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
            TEXTS.add(new Text(source, text, scenario()));
        }
        return text;
    }

    static void add(String source, Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        add(source, out.toString());
    }

    /**
     * A value that must never show up: itself and its Basic-auth form are searched for.
     *
     * @param what what it is ("simulator token", "PostgreSQL password"): SecretScanIT's list of
     *     what each test class hands out names it, so a registration removed fails the scan
     */
    static void secret(String what, String value) {
        REGISTRATIONS.add(new Registration(scenario(), what, TEXTS.size()));
        SECRETS.add(value);
        SECRETS.add(Base64.getEncoder().encodeToString((value + ":api_token").getBytes(StandardCharsets.UTF_8)));
    }

    /** Registers the password of a PostgreSQL target; other targets hold none. */
    static void secretsOf(dev.togglsync.config.Connection target) {
        if (target instanceof dev.togglsync.config.PostgresConnection pg) {
            secret("PostgreSQL password", pg.password().reveal());
        }
    }

    static void enter(Scenario scenario) {
        current = scenario;
    }

    /**
     * Attributes what this thread captures to {@code method} of {@code testClass} whichever test is
     * running: a series of trials started by one test may be waited for by another.
     */
    static void attributeThisThreadTo(Class<?> testClass, String method) {
        OWN.set(new Scenario(testClass.getName(), method));
    }

    private static Scenario scenario() {
        Scenario own = OWN.get();
        return own != null ? own : current;
    }

    static void planned(Set<String> testClasses) {
        plannedClasses = Set.copyOf(testClasses);
    }

    /** The test classes of this run's test plan (what failsafe selected), by binary name. */
    static Set<String> plannedClasses() {
        return plannedClasses;
    }

    /** How many texts each scenario contributed. */
    static Map<Scenario, Integer> textsPerScenario() {
        Map<Scenario, Integer> counts = new HashMap<>();
        synchronized (TEXTS) {
            TEXTS.forEach(t -> counts.merge(t.scenario(), 1, Integer::sum));
        }
        return counts;
    }

    static List<Registration> registrations() {
        synchronized (REGISTRATIONS) {
            return List.copyOf(REGISTRATIONS);
        }
    }

    /** Whether a text of {@code testClass} was captured after the first {@code after} texts. */
    static boolean textOfClassAfter(String testClass, int after) {
        synchronized (TEXTS) {
            for (int i = after; i < TEXTS.size(); i++) {
                if (TEXTS.get(i).scenario().testClass().equals(testClass)) {
                    return true;
                }
            }
        }
        return false;
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
