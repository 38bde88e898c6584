package dev.togglsync.cli;

import dev.togglsync.schema.StreamSpec;
import dev.togglsync.toggl.TogglStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/** Stream names as options take them: completion candidates, and comma lists or globs checked against the eight streams. */
final class StreamNames implements Iterable<String> {
    /** For picocli's completion script: {@code --streams <TAB>} offers the stream names. */
    @Override
    public Iterator<String> iterator() {
        return TogglStream.specs().stream().map(StreamSpec::name).iterator();
    }

    /**
     * The streams matching a glob ({@code time_*}, {@code *s}) or a name, in dependency order;
     * empty when none does.
     */
    static List<StreamSpec> matching(String pattern) {
        Pattern glob = Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"),
                Pattern.CASE_INSENSITIVE);
        List<StreamSpec> matched = new ArrayList<>();
        for (StreamSpec s : TogglStream.specs()) {
            if (glob.matcher(s.name()).matches()) {
                matched.add(s);
            }
        }
        return matched;
    }
}
