package dev.togglsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.togglsync.TogglSyncException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds connection definitions in the four places of DESIGN.md §2, in precedence order; a later
 * place replaces an earlier definition of the same (case-insensitive) name.
 */
final class ConnectionSources {
    static final String ENV_YAML = "env.yaml";
    static final String ENV_VAR = "env var";
    static final String IMPLICIT_SOURCE = "TOGGL_TRACK";

    private ConnectionSources() {}

    /** Upper-case name → definition, in the order found. Throws only for an unreadable file. */
    static Map<String, RawConnection> find(Environment env) {
        Map<String, RawConnection> found = new LinkedHashMap<>();
        found.putAll(envYaml(env));
        Token token = null;
        for (DotEnvFile.Line line : DotEnvFile.read(env.workDir().resolve(DotEnvFile.FILE_NAME), env.userName())) {
            if (line.name().equals(Environment.API_TOKEN_VARIABLE)) {
                token = new Token(line.value(), DotEnvFile.FILE_NAME,
                        Where.of(DotEnvFile.FILE_NAME).key(Environment.API_TOKEN_VARIABLE));
                continue;
            }
            variable(line.name(), line.value(), DotEnvFile.FILE_NAME, Where.of(DotEnvFile.FILE_NAME).key(line.name()))
                    .ifPresent(raw -> found.put(raw.name(), raw));
        }
        // Sorted, so that the order (and which of two spellings wins) does not depend on the platform.
        for (Map.Entry<String, String> v : new TreeMap<>(env.variables()).entrySet()) {
            String name = v.getKey();
            if (name.equals(Environment.API_TOKEN_VARIABLE)) {
                token = new Token(v.getValue(), ENV_VAR, Where.of("environment variable " + Environment.API_TOKEN_VARIABLE));
            } else if (!name.equals(Environment.HOME_DIR_VARIABLE)) {
                variable(name, v.getValue(), ENV_VAR, Where.of("environment variable " + name))
                        .ifPresent(raw -> found.put(raw.name(), raw));
            }
        }
        if (token != null) {
            found.put(IMPLICIT_SOURCE, withToken(found.get(IMPLICIT_SOURCE), token));
        }
        return found;
    }

    /** The {@code connections:} of env.yaml, keyed by upper-case name. */
    static Map<String, RawConnection> envYaml(Environment env) {
        Map<String, RawConnection> found = new LinkedHashMap<>();
        if (!Files.exists(env.envYaml())) {
            return found;
        }
        String label = env.envYamlLabel();
        JsonNode root = Yaml.read(env.envYaml(), label);
        JsonNode connections = connectionsNode(root, label);
        for (Map.Entry<String, JsonNode> e : connections.properties()) {
            String name = e.getKey().toUpperCase(Locale.ROOT);
            Where where = Where.of(label).key("connections").key(e.getKey());
            if (found.containsKey(name)) {
                throw where.error("defined twice (names ignore case); keep one");
            }
            JsonNode definition = e.getValue() == null ? Yaml.MAPPER.nullNode() : e.getValue();
            found.put(name, RawConnection.of(name, ENV_YAML, where, definition));
        }
        return found;
    }

    /** The {@code connections:} map of an env.yaml document (empty when the file is empty). */
    static JsonNode connectionsNode(JsonNode root, String label) {
        if (root.isMissingNode() || root.isNull()) {
            return Yaml.MAPPER.createObjectNode();
        }
        Where where = Where.of(label);
        Nodes.requireMap(root, where, "connections: { TOGGL_TRACK: { type: api, ... } }");
        Nodes.checkKeys(root, where, List.of("connections"));
        return Nodes.field(root, "connections")
                .map(n -> Nodes.requireMap(n, where.key("connections"), "connections: { TOGGL_TRACK: { type: api, ... } }"))
                .orElse(Yaml.MAPPER.createObjectNode());
    }

    /**
     * A variable (or .env.sling line) is a connection when its value is a database URL, or a YAML/JSON
     * map with a {@code url} holding one or a {@code type} that is ours or close to it (so that a typo
     * is reported, while another tool's JSON, say {@code {"type": "service_account", ...}}, is left
     * alone). Anything else (most of the environment) is not ours.
     */
    static Optional<RawConnection> variable(String name, String value, String origin, Where where) {
        String upper = name.toUpperCase(Locale.ROOT);
        String v = value.strip();
        if (DatabaseUrls.isDatabaseUrl(v)) {
            return Optional.of(RawConnection.of(upper, origin, where, TextNode.valueOf(v)));
        }
        if (!v.startsWith("{")) {
            return Optional.empty();
        }
        JsonNode map;
        try {
            map = Yaml.parse(v, where.toString());
        } catch (TogglSyncException broken) {
            // A broken map that mentions a type was meant to be a connection: say so when it is used.
            return v.contains("type") ? Optional.of(RawConnection.unreadable(upper, origin, broken)) : Optional.empty();
        }
        boolean typed = map.path("type").isTextual()
                && Suggest.closest(map.path("type").textValue(), ConnectionParser.TYPES).isPresent();
        boolean withUrl = map.path("url").isTextual() && DatabaseUrls.isDatabaseUrl(map.path("url").textValue());
        if (map.isObject() && (typed || withUrl)) {
            return Optional.of(RawConnection.of(upper, origin, where, map));
        }
        return Optional.empty();
    }

    /**
     * The value of {@code TOGGL_API_TOKEN} and where it was set.
     *
     * @param origin {@link DotEnvFile#FILE_NAME} or {@link #ENV_VAR}, as a connection's origin says it
     */
    private record Token(String value, String origin, Where where) {
        String label() {
            return origin + " " + Environment.API_TOKEN_VARIABLE;
        }
    }

    /**
     * TOGGL_API_TOKEN supplies the token of TOGGL_TRACK: it fills in the token of a TOGGL_TRACK map
     * defined elsewhere (keeping its inputs), or defines TOGGL_TRACK when there is none.
     *
     * <p>A token goes only where its owner meant (DESIGN.md §2): into a TOGGL_TRACK whose base_url is
     * Toggl's own, or one set in the user's env.yaml or in the same place as the token. Otherwise a
     * {@code .env.sling} that someone left in a shared folder could point the exported token at their
     * server; that definition is refused, naming both places.
     */
    private static RawConnection withToken(RawConnection existing, Token token) {
        ObjectNode definition;
        String origin;
        Where where;
        boolean toggl = existing != null && existing.definition()
                .filter(d -> d.isObject() && d.path("type").asText("api").equals("api"))
                .isPresent();
        if (toggl) {
            definition = existing.definition().get().deepCopy();
            origin = existing.origin() + " + " + Environment.API_TOKEN_VARIABLE;
            where = existing.where();
            JsonNode baseUrl = definition.path("inputs").path("base_url");
            boolean trusted = existing.origin().equals(ENV_YAML) || existing.origin().equals(token.origin());
            if (!trusted && baseUrl.isTextual() && !isDefaultBaseUrl(baseUrl.textValue())) {
                return RawConnection.unreadable(IMPLICIT_SOURCE, origin, where.key("inputs").key("base_url").error(
                        "'" + DatabaseUrls.mask(baseUrl.textValue()) + "' is set here, but the token comes from "
                                + token.where() + "; a token is sent only to a base_url set in the same place or in"
                                + " your env.yaml: put the token into this definition's secrets, or remove its base_url"));
            }
        } else {
            definition = Yaml.MAPPER.createObjectNode().put("type", "api").put("spec", TogglConnectionParser.SPEC);
            origin = token.label();
            where = token.where();
        }
        if (token.value().isBlank()) {
            return RawConnection.unreadable(IMPLICIT_SOURCE, origin, TogglSyncException.invalidInput(
                    token.where() + ": is empty; set it to your API token "
                            + "(find it at the bottom of https://track.toggl.com/profile) or unset it"));
        }
        JsonNode secrets = definition.get("secrets");
        ObjectNode s = secrets != null && secrets.isObject() ? (ObjectNode) secrets : definition.putObject("secrets");
        s.put("api_token", token.value());
        return RawConnection.of(IMPLICIT_SOURCE, origin, where, definition);
    }

    private static boolean isDefaultBaseUrl(String text) {
        String trimmed = text.strip();
        String base = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        return base.equalsIgnoreCase(TogglConnection.DEFAULT_BASE_URL.toString());
    }
}
