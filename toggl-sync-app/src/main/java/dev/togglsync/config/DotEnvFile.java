package dev.togglsync.config;

import dev.togglsync.TogglSyncException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code .env.sling}: {@code NAME=value} lines, the value optionally quoted, {@code #} comments,
 * an optional {@code export } prefix. Errors name the line, never its text (it may hold a secret).
 */
final class DotEnvFile {
    static final String FILE_NAME = ".env.sling";
    private static final Logger LOG = Logger.getLogger(DotEnvFile.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    record Line(int number, String name, String value) {}

    private DotEnvFile() {}

    /**
     * The file's lines, or none when it is missing or not trusted: a {@code .env.sling} in the working
     * directory defines where the token goes and where the data lands, so one that another user
     * could have written or changed is skipped with a warning (DESIGN.md §2).
     */
    static List<Line> read(Path file, String currentUser) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Optional<String> distrust = distrust(file, currentUser);
        if (distrust.isPresent()) {
            LOG.warning(FILE_NAME + " in " + file.toAbsolutePath().getParent() + " skipped: " + distrust.get());
            return List.of();
        }
        return parse(TextFiles.read(file, FILE_NAME));
    }

    /** Why {@code file} is not to be trusted, if it is not. */
    static Optional<String> distrust(Path file, String currentUser) {
        try {
            String owner = Files.getOwner(file).getName();
            if (!owner.equals(currentUser)) {
                return Optional.of("it belongs to " + owner + ", not to you (" + currentUser + "); its connections"
                        + " could send your token elsewhere: take it over (chown) or delete it");
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
                return Optional.of("others may write to it; its connections could send your token elsewhere:"
                        + " chmod go-w " + FILE_NAME);
            }
            return Optional.empty();
        } catch (UnsupportedOperationException notPosix) {
            return Optional.empty(); // no owners or modes to check on this file system
        } catch (IOException e) {
            return Optional.of("its owner and mode could not be read (" + e.getMessage() + ")");
        }
    }

    static List<Line> parse(String text) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            int number = i + 1;
            String line = raw[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            String name = eq < 0 ? "" : line.substring(0, eq).strip();
            if (eq < 0 || !NAME.matcher(name).matches()) {
                throw error(number, "expected NAME=value (example: TOGGL_TRACK='{ type: api, spec: toggl-track, "
                        + "secrets: { api_token: xxx } }')");
            }
            lines.add(new Line(number, name, value(line.substring(eq + 1).strip(), number)));
        }
        return lines;
    }

    private static String value(String v, int number) {
        if (v.startsWith("\"") || v.startsWith("'")) {
            char quote = v.charAt(0);
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < v.length(); i++) {
                char c = v.charAt(i);
                if (quote == '"' && c == '\\' && i + 1 < v.length()) {
                    char next = v.charAt(++i);
                    out.append(next == 'n' ? '\n' : next);
                } else if (c == quote) {
                    String after = v.substring(i + 1).strip();
                    if (!after.isEmpty() && !after.startsWith("#")) {
                        throw error(number, "unexpected text after the closing quote; quote the whole value");
                    }
                    return out.toString();
                } else {
                    out.append(c);
                }
            }
            throw error(number, "the value's opening " + quote + " has no closing " + quote + "; close the quote on the same line");
        }
        // Unquoted: " #" starts a comment, as in shell.
        int comment = v.indexOf(" #");
        return comment < 0 ? v : v.substring(0, comment).strip();
    }

    private static TogglSyncException error(int number, String what) {
        return TogglSyncException.invalidInput(FILE_NAME + ": line " + number + ": " + what);
    }
}
