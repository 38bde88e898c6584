package dev.togglsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} in a replication file's string values (DESIGN.md §3): the file's {@code env:} map
 * first, then the process environment. An unknown variable is an error naming it and where it was
 * written; keys are never substituted (a stream name is not a template).
 *
 * <p>A value that may be secret (its variable's name says TOKEN, PASSWORD, SECRET or KEY, or it
 * lands in {@code target:}, where a URL carries a password) is handed to {@code secrets} before it
 * is used, so that the CLI masks it in every later message, failures of this very file included.
 */
final class Variables {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(TOKEN|PASSWORD|PASSWD|SECRET|KEY).*");

    private final Map<String, String> fileEnv;
    private final Map<String, String> processEnv;
    private final Consumer<String> secrets;

    Variables(Map<String, String> fileEnv, Map<String, String> processEnv, Consumer<String> secrets) {
        this.fileEnv = fileEnv;
        this.processEnv = processEnv;
        this.secrets = secrets;
    }

    /** Replaces references in every string value under {@code node} (in place); {@code where} names {@code node}. */
    void substitute(JsonNode node, Where where) {
        if (node instanceof ObjectNode map) {
            List<String> names = new ArrayList<>();
            map.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                substitute(map, where, name);
            }
        } else if (node instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode value = list.get(i);
                if (value.isTextual()) {
                    list.set(i, new TextNode(resolve(value.textValue(), where.index(i), false)));
                } else {
                    substitute(value, where.index(i));
                }
            }
        }
    }

    /** Replaces references in {@code map}'s value at {@code key}; {@code where} names {@code map}. */
    void substitute(JsonNode map, Where where, String key) {
        JsonNode value = map.get(key);
        if (value.isTextual()) {
            // The top-level target may be a URL with a password in it.
            boolean secretPlace = where.path().isEmpty() && key.equals("target");
            ((ObjectNode) map).set(key, new TextNode(resolve(value.textValue(), where.key(key), secretPlace)));
        } else {
            substitute(value, where.key(key));
        }
    }

    /** The file's {@code env:} values may refer to the process environment only. */
    static Map<String, String> resolveEnv(Map<String, String> fileEnv, Map<String, String> processEnv,
            Consumer<String> secrets, Where where) {
        Variables process = new Variables(Map.of(), processEnv, secrets);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        fileEnv.forEach((k, v) -> {
            String value = process.resolve(v, where.key(k), false);
            if (SECRET_NAME.matcher(k.toUpperCase(Locale.ROOT)).matches() && !value.isEmpty()) {
                secrets.accept(value);
            }
            out.put(k, value);
        });
        return out;
    }

    String resolve(String text, Where where, boolean secretPlace) {
        if (!text.contains("${")) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).strip();
            if (!NAME.matcher(name).matches()) {
                throw where.error("'${" + m.group(1) + "}' is not a variable reference; write ${NAME} with letters,"
                        + " digits and _ (example: ${TOGGL_SCHEMA})");
            }
            String value = fileEnv.containsKey(name) ? fileEnv.get(name) : processEnv.get(name);
            if (value == null) {
                throw where.error("unknown variable ${" + name + "}" + Suggest.didYouMean(name, known())
                        + "; define it in the file's env: map or export it in the environment");
            }
            if (!value.isEmpty() && (secretPlace || SECRET_NAME.matcher(name.toUpperCase(Locale.ROOT)).matches())) {
                secrets.accept(value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Names for the hint: the file's own first; the process environment's are not listed, only matched. */
    private List<String> known() {
        List<String> names = new ArrayList<>(fileEnv.keySet());
        Iterator<String> p = processEnv.keySet().iterator();
        while (p.hasNext()) {
            names.add(p.next());
        }
        return names;
    }
}
