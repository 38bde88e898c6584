package dev.togglsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.togglsync.TogglSyncException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes env.yaml for {@code conns set} and {@code conns unset}. The file holds tokens and
 * passwords: it is written to a temporary file with mode 0600 in the same folder (created 0700)
 * and renamed over the old one, so it is never readable by others and never half-written.
 */
public final class ConnectionStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String HEADER = "# toggl-sync connections, written by `toggl-sync conns set` (comments are not kept).\n"
            + "# It holds secrets: keep it private (mode 0600).\n";

    private ConnectionStore() {}

    /**
     * Adds or replaces connection {@code name} in env.yaml from {@code key=value} assignments (a
     * value starting with { or [ is read as YAML), after validating it. Returns the connection.
     */
    public static Connection set(Environment env, String name, List<String> assignments) {
        String upper = checkName(name, "conns set");
        Where where = Where.of("conns set " + upper);
        if (assignments.isEmpty()) {
            throw where.error("nothing to set; give key=value pairs (example: toggl-sync conns set " + upper
                    + " type=api spec=toggl-track secrets='{ api_token: xxx }')");
        }
        ObjectNode definition = Yaml.MAPPER.createObjectNode();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            String key = eq < 0 ? "" : assignment.substring(0, eq).strip();
            if (key.isEmpty()) {
                // Not echoed: a mistyped assignment may be a bare token.
                throw where.error("argument " + (assignments.indexOf(assignment) + 1)
                        + " is not key=value (example: type=api, secrets='{ api_token: xxx }', url=postgresql://...)");
            }
            if (definition.has(key)) {
                throw where.key(key).error("given twice; give each key once");
            }
            String value = assignment.substring(eq + 1).strip();
            definition.set(key, value.startsWith("{") || value.startsWith("[")
                    ? Yaml.parse(value, where.key(key).toString())
                    : TextNode.valueOf(value));
        }
        Connection connection = ConnectionParser.parse(upper, definition, where, env);
        ObjectNode root = readForUpdate(env);
        ObjectNode connections = (ObjectNode) root.get("connections");
        removeIgnoringCase(connections, upper);
        connections.set(upper, definition);
        write(env, root);
        return connection;
    }

    /** Removes connection {@code name} from env.yaml; only env.yaml entries can be removed. */
    public static void unset(Environment env, String name) {
        String upper = checkName(name, "conns unset");
        ObjectNode root = readForUpdate(env);
        ObjectNode connections = (ObjectNode) root.get("connections");
        if (!removeIgnoringCase(connections, upper)) {
            String elsewhere = Connections.load(env).entry(upper)
                    .map(e -> upper + " is defined by " + e.definedBy() + ", not " + env.envYamlLabel() + "; remove it there")
                    .orElseGet(() -> "no connection named " + upper + " in " + env.envYamlLabel()
                            + Suggest.didYouMean(upper, names(connections)) + " (defined there: "
                            + (connections.isEmpty() ? "none" : String.join(", ", names(connections))) + ")");
            throw TogglSyncException.invalidInput("conns unset: " + elsewhere);
        }
        write(env, root);
    }

    private static String checkName(String name, String command) {
        if (!NAME.matcher(name).matches()) {
            throw TogglSyncException.invalidInput(command + ": '" + name + "' is not a connection name; use letters, "
                    + "digits and _ (example: MY_POSTGRES)");
        }
        return name.toUpperCase(Locale.ROOT);
    }

    /** env.yaml as an editable tree with a {@code connections} map (validated like a load). */
    private static ObjectNode readForUpdate(Environment env) {
        ObjectNode root = Yaml.MAPPER.createObjectNode();
        if (Files.exists(env.envYaml())) {
            JsonNode connections = ConnectionSources.connectionsNode(Yaml.read(env.envYaml(), env.envYamlLabel()),
                    env.envYamlLabel());
            root.set("connections", connections.deepCopy());
        } else {
            root.putObject("connections");
        }
        return root;
    }

    private static boolean removeIgnoringCase(ObjectNode connections, String upper) {
        List<String> spellings = new ArrayList<>();
        connections.fieldNames().forEachRemaining(n -> {
            if (n.equalsIgnoreCase(upper)) {
                spellings.add(n);
            }
        });
        connections.remove(spellings);
        return !spellings.isEmpty();
    }

    private static Set<String> names(ObjectNode connections) {
        Set<String> names = new LinkedHashSet<>();
        connections.fieldNames().forEachRemaining(n -> names.add(n.toUpperCase(Locale.ROOT)));
        return names;
    }

    private static void write(Environment env, ObjectNode root) {
        Path dir = env.configDir();
        Path file = env.envYaml();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path tmp = null;
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, posix ? attrs("rwx------") : new FileAttribute<?>[0]);
            } else if (posix) {
                // A folder made by hand (or by an older version) may be open to others: it holds tokens.
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            tmp = Files.createTempFile(dir, ".env.yaml.", ".tmp", posix ? attrs("rw-------") : new FileAttribute<?>[0]);
            byte[] bytes = (HEADER + Yaml.write(root)).getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw TogglSyncException.invalidInput(env.envYamlLabel() + ": cannot be written ("
                    + e.getClass().getSimpleName() + "); check the permissions of " + dir + " or set "
                    + Environment.HOME_DIR_VARIABLE + " to a writable folder", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed and says so; a stray temp file is the lesser problem
                }
            }
        }
    }

    private static FileAttribute<?>[] attrs(String permissions) {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }
}
