package dev.togglsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compares the shape of a recorded Toggl response with the simulator's: the same keys in the same
 * order (so null-vs-missing must agree), and wherever the recording has a value, the simulator can
 * produce a value of the same JSON type and, for timestamps, the same spelling. Values themselves
 * (names, ids, dates) are data and may differ.
 */
final class Shapes {
    private static final Pattern TIMESTAMP = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}([T ].*)?$");

    private Shapes() {}

    /** An empty result when {@code actual} has {@code expected}'s shape, else what differs and where. */
    static Optional<String> mismatch(String where, JsonNode expected, JsonNode actual) {
        if (expected.isNull()) {
            return Optional.empty();
        }
        if (actual.isNull()) {
            return Optional.of(where + ": recorded " + kind(expected) + ", simulator sent null");
        }
        if (!kind(expected).equals(kind(actual))) {
            return Optional.of(where + ": recorded " + kind(expected) + " (" + expected + "), simulator sent "
                    + kind(actual) + " (" + actual + ")");
        }
        if (expected.isObject()) {
            List<String> keys = keys(expected);
            List<String> actualKeys = keys(actual);
            if (!keys.equals(actualKeys)) {
                return Optional.of(where + ": keys differ\n  recorded:  " + keys + "\n  simulator: " + actualKeys);
            }
            for (String k : keys) {
                Optional<String> m = mismatch(where + "." + k, expected.get(k), actual.get(k));
                if (m.isPresent()) {
                    return m;
                }
            }
            return Optional.empty();
        }
        if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                Optional<String> m = anyMatches(where + "[" + i + "]", expected.get(i), actual);
                if (m.isPresent()) {
                    return m;
                }
            }
        }
        return Optional.empty();
    }

    /** Some element of {@code actualArray} has the shape of {@code expected}; else the nearest miss. */
    private static Optional<String> anyMatches(String where, JsonNode expected, JsonNode actualArray) {
        if (actualArray.isEmpty()) {
            return Optional.of(where + ": simulator sent an empty array; cannot compare " + expected);
        }
        List<String> misses = new ArrayList<>();
        for (JsonNode candidate : actualArray) {
            Optional<String> m = mismatch(where, expected, candidate);
            if (m.isEmpty()) {
                return m;
            }
            misses.add(m.get());
        }
        return Optional.of(misses.get(0) + " (and no other of " + actualArray.size() + " elements matched)");
    }

    static String kind(JsonNode n) {
        if (n.isTextual()) {
            String s = n.asText();
            return TIMESTAMP.matcher(s).matches()
                    ? "timestamp " + s.replaceAll("\\.\\d+", ".f").replaceAll("\\d", "d")
                    : "string";
        }
        if (n.isIntegralNumber()) {
            return "integer";
        }
        if (n.isNumber()) {
            return "number";
        }
        return n.getNodeType().name().toLowerCase();
    }

    static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        return keys;
    }
}
