package dev.togglsync.config;

import dev.togglsync.toggl.TogglStream;
import dev.togglsync.schema.StreamSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one reader of stream names, wherever a user writes them: replication YAML keys, {@code run
 * --streams}, {@code conns test --endpoints}, {@code state reset --stream}, {@code conns discover -p}.
 * A name or a glob ({@code *} any run of characters, {@code ?} one), matched without regard to case
 * ({@code Time_Entries} is time_entries); results come in dependency order.
 *
 * <p>As an {@link Iterable} it lists the names, for picocli's completion candidates.
 */
public final class StreamNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return names().iterator();
    }

    static boolean isGlob(String pattern) {
        return pattern.contains("*") || pattern.contains("?");
    }

    /**
     * The streams {@code pattern} names, in dependency order. {@code where} is the place the
     * pattern was written (a YAML key, or an option and its value): an unknown name fails there,
     * with the closest name and the list of streams.
     */
    static List<StreamSpec> match(String pattern, Where where) {
        String wanted = pattern.strip();
        if (!isGlob(wanted)) {
            for (StreamSpec s : TogglStream.specs()) {
                if (s.name().equalsIgnoreCase(wanted)) {
                    return List.of(s);
                }
            }
            throw where.error("unknown stream" + Suggest.didYouMean(wanted, names()) + "; available: " + TogglStream.names());
        }
        Pattern glob = Pattern.compile(Pattern.quote(wanted).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"),
                Pattern.CASE_INSENSITIVE);
        List<StreamSpec> matched = new ArrayList<>();
        // A glob stands for streams of '*' only: opt-in streams are named outright (DESIGN.md §4).
        for (StreamSpec s : TogglStream.star()) {
            if (glob.matcher(s.name()).matches()) {
                matched.add(s);
            }
        }
        if (matched.isEmpty()) {
            throw where.error("matches no stream; available: " + TogglStream.names());
        }
        return matched;
    }

    /**
     * The streams a command-line option names ({@code values} as picocli split them at commas),
     * in dependency order without repeats. {@code command} prefixes every message ("state reset"),
     * empty for {@code run}; {@code option} is the option as typed ("--stream").
     */
    public static List<StreamSpec> parse(String command, String option, List<String> values) {
        String at = command.isEmpty() ? option : command + ": " + option;
        List<String> chosen = new ArrayList<>();
        for (String value : values) {
            if (!value.isBlank()) {
                match(value, Where.of(at + " " + value.strip())).forEach(s -> chosen.add(s.name()));
            }
        }
        if (chosen.isEmpty()) {
            throw Where.of(at).error("names no stream; give a comma-separated list (example: " + option
                    + " projects,time_entries)");
        }
        return TogglStream.specs().stream().filter(s -> chosen.contains(s.name())).toList();
    }

    static List<String> names() {
        return TogglStream.specs().stream().map(StreamSpec::name).toList();
    }
}
