package dev.togglsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of YAML nodes. A value of the wrong kind is reported by its kind ("a number"),
 * never by its text: the value may be a secret.
 */
final class Nodes {
    private Nodes() {}

    /** The field's value; a key written with no value ({@code mode:}) counts as absent. */
    static Optional<JsonNode> field(JsonNode map, String key) {
        JsonNode value = map.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    static JsonNode requireMap(JsonNode node, Where where, String example) {
        if (!node.isObject()) {
            throw where.error("must be a map, not " + kind(node) + " (example: " + example + ")");
        }
        return node;
    }

    /** Rejects keys not in {@code allowed}, with a "did you mean" hint. */
    static void checkKeys(JsonNode map, Where where, List<String> allowed) {
        Iterator<String> names = map.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw where.key(name).error("unknown key" + Suggest.didYouMean(name, allowed)
                        + "; allowed keys: " + String.join(", ", allowed));
            }
        }
    }

    /**
     * Like {@link #checkKeys} for a map of secrets: an unknown key is not named, since a token pasted
     * without its key ({@code secrets: { xxx }}) is a key in YAML.
     */
    static void checkSecretKeys(JsonNode map, Where where, List<String> allowed, String example) {
        Iterator<String> names = map.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw where.error("has a key other than " + String.join(", ", allowed) + Suggest.didYouMean(name, allowed)
                        + " (not shown: it may be the secret itself); write " + example);
            }
        }
    }

    static String text(JsonNode node, Where where, String example) {
        if (!node.isTextual()) {
            throw where.error("must be a string, not " + kind(node) + " (example: " + example + ")");
        }
        return node.textValue();
    }

    /** A string or a number written without quotes (a port, a stream's env value). */
    static String scalar(JsonNode node, Where where, String example) {
        if (!node.isValueNode()) {
            throw where.error("must be a single value, not " + kind(node) + " (example: " + example + ")");
        }
        return node.asText();
    }

    /** A list of strings; a single string counts as a list of one. */
    static List<String> textList(JsonNode node, Where where, String example) {
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            throw where.error("must be a list of strings, not " + kind(node) + " (example: " + example + ")");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(text(node.get(i), where.index(i), example));
        }
        return out;
    }

    static boolean bool(JsonNode node, Where where) {
        if (!node.isBoolean()) {
            throw where.error("must be true or false, not " + kind(node));
        }
        return node.booleanValue();
    }

    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "a map";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "true/false";
        }
        if (node.isTextual()) {
            return "a string";
        }
        return "an empty value";
    }
}
