package dev.togglsync.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.togglsync.TogglSyncException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * YAML in and out. Syntax errors become one-line messages with line and column only: SnakeYAML's
 * own message quotes the offending source line, which may hold a token or a password.
 */
final class Yaml {
    static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    // Every string is written double-quoted, on purpose: with minimized quotes Jackson writes
                    // a password "1e5" or "0x1f" bare, and it reads back as a number.
                    .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    // The builder, unlike `new YAMLFactory()`, reads `'*':` (no value) as "" unless told.
                    .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Yaml() {}

    /** The document's root node; {@link MissingNode} for an empty document. */
    static JsonNode parse(String text, String source) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            throw syntaxError(e, source);
        }
    }

    static JsonNode read(Path file, String source) {
        return parse(TextFiles.read(file, source), source);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a YAML tree could not be written", e);
        }
    }

    /** A plain, unmodifiable Java value (Map, List, String, Number, Boolean, null) of a YAML node. */
    static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(toJava(n)));
            return Collections.unmodifiableList(list);
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        return node.asText();
    }

    private static TogglSyncException syntaxError(JsonProcessingException e, String source) {
        String what;
        String fix = "fix the syntax (indent with spaces, quote values that contain ': ' or start with '{')";
        int line;
        int column;
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            line = mark.getLine() + 1;
            column = mark.getColumn() + 1;
            what = oneLine(marked.getProblem());
            Mark context = marked.getContextMark();
            if (marked.getContext() != null && context != null) {
                what += " (" + oneLine(marked.getContext()) + " started at line " + (context.getLine() + 1)
                        + ", column " + (context.getColumn() + 1) + ")";
            }
        } else {
            line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            String original = oneLine(e.getOriginalMessage());
            if (original.startsWith("Duplicate field ")) {
                what = "duplicate key " + original.substring("Duplicate field ".length());
                fix = "keep only one";
            } else if (original.startsWith("Malformed numeric value")) {
                what = "a value looks like a number but is not one";
                fix = "quote it";
            } else {
                // Quoted parts of a parser message are input text, which may be a secret.
                what = original.replaceAll("'[^']*'", "'...'");
            }
        }
        return TogglSyncException.invalidInput(
                source + ": line " + line + ", column " + column + ": invalid YAML: " + what + "; " + fix);
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int newline = s.indexOf('\n');
        // Jackson appends " in 'reader', line..." and the quoted source on further lines: drop them.
        String first = newline < 0 ? s : s.substring(0, newline);
        return first.strip();
    }
}
