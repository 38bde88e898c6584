package dev.togglsync.config;

import dev.togglsync.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** The Toggl source connection: {@code {type: api, spec: toggl-track, secrets: {api_token}, inputs: {...}}}. */
final class TogglConnectionParser {
    static final String SPEC = "toggl-track";
    static final List<String> KNOWN_SPECS = List.of(SPEC);
    static final List<String> KEYS = List.of("type", "spec", "secrets", "inputs");
    static final List<String> SECRET_KEYS = List.of("api_token");
    static final List<String> INPUT_KEYS =
            List.of("anchor_date", "base_url", "rate", "max_quota_wait", "workspace_ids", "allow_insecure_http");
    private static final Logger LOG = Logger.getLogger(TogglConnectionParser.class.getName());
    static final String TOKEN_FIX = "add secrets: { api_token: <your API token> } (find it at the bottom of https://track.toggl.com/profile)";

    private TogglConnectionParser() {}

    static TogglConnection parse(String name, JsonNode map, Where where, Clock clock) {
        Nodes.checkKeys(map, where, KEYS);
        String spec = Nodes.field(map, "spec")
                .map(n -> Nodes.text(n, where.key("spec"), "spec: " + SPEC))
                .orElseThrow(() -> where.key("spec").error("required; add spec: " + SPEC));
        if (!KNOWN_SPECS.contains(spec)) {
            throw where.key("spec").error("unknown spec '" + spec + "'" + Suggest.didYouMean(spec, KNOWN_SPECS)
                    + "; known specs: " + String.join(", ", KNOWN_SPECS));
        }
        Secret token = apiToken(map, where);
        JsonNode inputs = Nodes.field(map, "inputs")
                .map(n -> Nodes.requireMap(n, where.key("inputs"), "inputs: { rate: 2 }"))
                .orElse(Yaml.MAPPER.createObjectNode());
        Where in = where.key("inputs");
        Nodes.checkKeys(inputs, in, INPUT_KEYS);
        boolean allowInsecure = Nodes.field(inputs, "allow_insecure_http")
                .map(n -> Nodes.bool(n, in.key("allow_insecure_http")))
                .orElse(false);
        URI baseUrl = Nodes.field(inputs, "base_url")
                .map(n -> baseUrl(n, in.key("base_url"), allowInsecure, name))
                .orElse(TogglConnection.DEFAULT_BASE_URL);
        return new TogglConnection(
                name,
                token,
                Nodes.field(inputs, "anchor_date").map(n -> anchorDate(n, in.key("anchor_date"), clock)),
                baseUrl,
                Nodes.field(inputs, "rate").map(n -> rate(n, in.key("rate"))).orElse(TogglConnection.DEFAULT_RATE),
                Nodes.field(inputs, "max_quota_wait").map(n -> maxQuotaWait(n, in.key("max_quota_wait")))
                        .orElse(TogglConnection.DEFAULT_MAX_QUOTA_WAIT),
                Nodes.field(inputs, "workspace_ids").map(n -> workspaceIds(n, in.key("workspace_ids"))).orElse(List.of()));
    }

    private static Secret apiToken(JsonNode map, Where where) {
        Where secretsAt = where.key("secrets");
        JsonNode secrets = Nodes.field(map, "secrets")
                .map(n -> Nodes.requireMap(n, secretsAt, "secrets: { api_token: xxx }"))
                .orElseThrow(() -> secretsAt.key("api_token").error("required; " + TOKEN_FIX));
        Nodes.checkSecretKeys(secrets, secretsAt, SECRET_KEYS, "secrets: { api_token: xxx }");
        Where at = secretsAt.key("api_token");
        JsonNode node = Nodes.field(secrets, "api_token").orElseThrow(() -> at.error("required; " + TOKEN_FIX));
        if (!node.isTextual()) {
            // Never echo it: a token written without quotes can still be a number.
            throw at.error("must be a string, not " + Nodes.kind(node) + "; quote it: api_token: \"...\"");
        }
        String token = node.textValue().strip();
        if (token.isEmpty()) {
            throw at.error("is empty; " + TOKEN_FIX);
        }
        return Secret.of(token);
    }

    /** A date is UTC midnight; a date-time without an offset is read as UTC. */
    static Instant anchorDate(JsonNode node, Where where, Clock clock) {
        String text = Nodes.scalar(node, where, "anchor_date: 2026-01-31");
        Instant anchor = parseInstant(text).orElseThrow(() -> where.error("'" + text
                + "' is not an ISO-8601 date or date-time (example: 2026-01-31 or 2026-01-31T08:00:00Z)"));
        Instant now = clock.instant();
        if (anchor.isAfter(now)) {
            throw where.error("'" + text + "' is in the future (now: " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + "); use a past date (example: " + LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(30) + ")");
        }
        return anchor;
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notADate) {
            // try the date-time forms
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            // try without an offset
        }
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocal) {
            return Optional.empty();
        }
    }

    /**
     * The token travels in every request's Basic-auth header (Base64, not encryption), so plain
     * {@code http://} is refused except to this machine, or when the connection says
     * {@code allow_insecure_http: true} (then warned each time it is loaded).
     */
    static URI baseUrl(JsonNode node, Where where, boolean allowInsecure, String connection) {
        URI uri = baseUrl(node, where);
        if (!"http".equalsIgnoreCase(uri.getScheme()) || isLoopback(uri.getHost())) {
            return uri;
        }
        if (!allowInsecure) {
            throw where.error("'" + uri + "' is plain http to another machine: the API token would travel in clear;"
                    + " use https://, or set inputs.allow_insecure_http: true if you accept that");
        }
        LOG.warning(connection + ": base_url " + uri + " is plain http: the API token travels in clear"
                + " (allow_insecure_http: true)");
        return uri;
    }

    /** Loopback by its literal form only: a host name other than localhost is not resolved (that could lie). */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    static URI baseUrl(JsonNode node, Where where) {
        String text = Nodes.text(node, where, "base_url: https://api.track.toggl.com");
        String bad = "'" + DatabaseUrls.mask(text) + "' is not an http(s) scheme://host[:port] "
                + "(example: https://api.track.toggl.com; toggl-sync appends /api/v9/...)";
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw where.error(bad);
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!http || uri.getHost() == null || !bare) {
            throw where.error(bad);
        }
        return uri;
    }

    static double rate(JsonNode node, Where where) {
        if (!node.isNumber() || !(node.doubleValue() > 0) || Double.isInfinite(node.doubleValue())) {
            throw where.error(shown(node) + " must be a number of requests per second greater than 0 (example: 1 or 0.5)");
        }
        return node.doubleValue();
    }

    static Duration maxQuotaWait(JsonNode node, Where where) {
        if (!node.isIntegralNumber() || node.longValue() < 0 || !node.canConvertToLong()) {
            throw where.error(shown(node) + " must be a whole number of seconds, 0 or more (example: 3600)");
        }
        return Duration.ofSeconds(node.longValue());
    }

    static List<Long> workspaceIds(JsonNode node, Where where) {
        String example = "workspace_ids: [1234567, 7654321]";
        if (!node.isArray()) {
            throw where.error("must be a list of workspace ids, not " + Nodes.kind(node) + " (example: " + example + ")");
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() <= 0) {
                throw where.index(i).error(shown(id) + " is not a workspace id (a positive whole number; example: " + example + ")");
            }
            if (!ids.contains(id.longValue())) {
                ids.add(id.longValue());
            }
        }
        return ids;
    }

    /** A non-secret input value as written, for "bad value" messages. */
    private static String shown(JsonNode node) {
        return node.isValueNode() ? "'" + node.asText() + "'" : Nodes.kind(node);
    }
}
