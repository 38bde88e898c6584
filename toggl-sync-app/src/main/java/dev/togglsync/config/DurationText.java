package dev.togglsync.config;

import dev.togglsync.TogglSyncException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them on a command line or in a unit file: {@code 30s}, {@code 5m},
 * {@code 1h}, {@code 1h30m}, {@code 250ms}; and back again for messages. One place for both, so a
 * message shows a duration the way its flag takes it.
 */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private DurationText() {}

    /** @param flag names the option in the error, e.g. "--every" */
    public static Duration parse(String text, String flag) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < t.length() && m.find(at) && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new IllegalStateException("pattern and switch disagree on " + m.group(2));
            });
            at = m.end();
        }
        if (t.isEmpty() || at != t.length()) {
            throw TogglSyncException.invalidInput(flag + " '" + text + "': not a duration; write a number and a unit"
                    + " (ms, s, m, h, d), e.g. 30s, 5m, 1h, 1h30m");
        }
        if (total.isZero()) {
            throw TogglSyncException.invalidInput(flag + " '" + text + "': must be longer than 0, e.g. 5m");
        }
        return total;
    }

    /** "4m37s", "1h", "2s", "250ms". */
    public static String format(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        long s = (d.toMillis() + 999) / 1000;
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            out.append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0) {
            out.append(s % 60).append('s');
        }
        return out.toString();
    }
}
