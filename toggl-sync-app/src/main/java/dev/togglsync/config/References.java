package dev.togglsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} in a connection's values: the secret stays in the environment (or a secret
 * manager that fills it), never on a command line or in env.yaml. env.yaml keeps the reference and
 * it is resolved at every load.
 *
 * <p>Only the user's own definitions resolve references (env.yaml, environment variables, {@code
 * conns set}). A {@code .env.sling} arrives with whatever folder one works in (a cloned project);
 * with references it could pair {@code ${TOGGL_API_TOKEN}} with a {@code base_url} of its choosing,
 * which is the leak DESIGN.md §2's same-source rule closes, so there they are refused.
 */
final class References {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private References() {}

    /** A copy of {@code definition} with every {@code ${VAR}} in a text value replaced by the variable's value. */
    static JsonNode resolve(JsonNode definition, Where where, Map<String, String> variables) {
        return walk(definition, where, variables, true);
    }

    /** {@code definition} unchanged, or an error naming the first value that holds a reference. */
    static JsonNode refuse(JsonNode definition, Where where) {
        return walk(definition, where, Map.of(), false);
    }

    private static JsonNode walk(JsonNode node, Where where, Map<String, String> variables, boolean allowed) {
        if (node.isTextual()) {
            return TextNode.valueOf(text(node.textValue(), where, variables, allowed));
        }
        if (node.isObject()) {
            ObjectNode copy = Yaml.MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                copy.set(e.getKey(), walk(e.getValue(), where.key(e.getKey()), variables, allowed));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Yaml.MAPPER.createArrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(walk(node.get(i), where.index(i), variables, allowed));
            }
            return copy;
        }
        return node;
    }

    private static String text(String value, Where where, Map<String, String> variables, boolean allowed) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!allowed) {
                throw where.error("${" + name + "} references are resolved only in env.yaml, environment variables and"
                        + " conns set, not in .env.sling (a file that comes with a folder could send an exported secret"
                        + " where it likes); write the value, or define the connection with toggl-sync conns set");
            }
            if (!NAME.matcher(name).matches()) {
                throw where.error("'${" + name + "}' is not a variable reference; write ${NAME} with letters, digits and _");
            }
            String resolved = variables.get(name);
            if (resolved == null || resolved.isEmpty()) {
                throw where.error("refers to ${" + name + "}, which is not set in the environment; export " + name
                        + " (or write the value)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }
}
