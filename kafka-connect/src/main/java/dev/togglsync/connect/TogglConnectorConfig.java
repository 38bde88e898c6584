package dev.togglsync.connect;

import dev.togglsync.Secret;
import dev.togglsync.toggl.TogglAccount;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The connector's configuration (DESIGN.md §10), parsed and checked once. Fixed keys live in
 * {@link #DEF}; each account adds {@code toggl.account.<name>.api_token} (a password: masked in
 * logs and the REST API, meant to come through a ConfigProvider such as
 * {@code ${file:/secrets/toggl.properties:acme}}) and optional {@code base_url},
 * {@code workspace_ids}, {@code anchor_date}. Every error names the key, the value (never a
 * token) and the fix.
 */
final class TogglConnectorConfig extends AbstractConfig {
    static final String ACCOUNTS = "toggl.accounts";
    static final String ACCOUNT_PREFIX = "toggl.account.";
    static final String STREAMS = "streams";
    static final String TOPIC_PREFIX = "topic.prefix";
    static final String POLL_INTERVAL_MS = "poll.interval.ms";
    static final String REFRESH_INTERVAL_MS = "refresh.interval.ms";
    static final String RATE = "rate";
    static final String MAX_QUOTA_WAIT_MS = "max.quota.wait.ms";
    /** Set by the connector in each task's config: the accounts that task owns. */
    static final String TASK_ACCOUNTS = "task.accounts";

    static final String API_TOKEN = "api_token";
    static final String BASE_URL = "base_url";
    static final String WORKSPACE_IDS = "workspace_ids";
    static final String ANCHOR_DATE = "anchor_date";
    static final List<String> ACCOUNT_KEYS = List.of(API_TOKEN, BASE_URL, WORKSPACE_IDS, ANCHOR_DATE);

    static final long DEFAULT_POLL_INTERVAL_MS = Duration.ofMinutes(5).toMillis();
    static final long DEFAULT_REFRESH_INTERVAL_MS = Duration.ofHours(1).toMillis();
    static final long DEFAULT_MAX_QUOTA_WAIT_MS = Duration.ofHours(1).toMillis();

    static final ConfigDef DEF = new ConfigDef()
            .define(ACCOUNTS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, nonEmptyList(), Importance.HIGH,
                    "Names of the Toggl accounts to sync (letters, digits, '_' and '-'). Each needs "
                            + ACCOUNT_PREFIX + "<name>." + API_TOKEN + "; optional per account: " + BASE_URL + ", "
                            + WORKSPACE_IDS + ", " + ANCHOR_DATE + ". Accounts are split across tasks.max.")
            .define(STREAMS, Type.LIST, StreamCatalogue.defaultStreams(), Importance.MEDIUM,
                    "Streams to read, in dependency order, any of: " + StreamCatalogue.names()
                            + "; default those of '*', as for the CLI.")
            .define(TOPIC_PREFIX, Type.STRING, "toggl.", Importance.MEDIUM,
                    "Topic of a stream = this prefix + the stream name.")
            .define(POLL_INTERVAL_MS, Type.LONG, DEFAULT_POLL_INTERVAL_MS, ConfigDef.Range.atLeast(1_000), Importance.MEDIUM,
                    "How often time_entries is read by cursor (since = cursor - 60 s), in milliseconds.")
            .define(REFRESH_INTERVAL_MS, Type.LONG, DEFAULT_REFRESH_INTERVAL_MS, ConfigDef.Range.atLeast(1_000),
                    Importance.MEDIUM, "How often the whole-read streams (all but time_entries) are read and emitted again, in milliseconds.")
            .define(RATE, Type.DOUBLE, TogglAccount.DEFAULT_RATE, ConfigDef.Range.between(0.001, 1_000), Importance.MEDIUM,
                    "Maximum requests per second, per account (each account has its own pacing and quota gate).")
            .define(MAX_QUOTA_WAIT_MS, Type.LONG, DEFAULT_MAX_QUOTA_WAIT_MS, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Longest wait inside a request for an hourly quota reset; a longer one parks the account until the reset"
                            + " (the other accounts go on).");

    /** One configured account: its name (for partitions and messages) and what the source reads. */
    record Account(String name, TogglAccount toggl) {}

    private final List<Account> accounts;
    private final List<String> streams;

    TogglConnectorConfig(Map<String, String> props) {
        super(definition(props), props, false);
        List<String> errors = new ArrayList<>();
        this.streams = checkStreams(getList(STREAMS), errors);
        this.accounts = accounts(props, getList(ACCOUNTS), getDouble(RATE), Duration.ofMillis(getLong(MAX_QUOTA_WAIT_MS)), errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(String.join("; ", errors));
        }
    }

    List<Account> accounts() {
        return accounts;
    }

    List<String> streams() {
        return streams;
    }

    String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    Duration refreshInterval() {
        return Duration.ofMillis(getLong(REFRESH_INTERVAL_MS));
    }

    /**
     * {@link #DEF} plus each listed account's keys, the token as {@link Type#PASSWORD} so that
     * Connect masks it in its REST answers and validation results.
     */
    static ConfigDef definition(Map<String, String> props) {
        ConfigDef def = new ConfigDef(DEF);
        for (String name : listedAccounts(props)) {
            String p = ACCOUNT_PREFIX + name + ".";
            if (def.names().contains(p + API_TOKEN)) {
                continue;
            }
            def.define(p + API_TOKEN, Type.PASSWORD, null, Importance.HIGH,
                    "API token of account '" + name + "'; give it through a ConfigProvider, e.g. ${file:/secrets/toggl.properties:" + name + "}.");
            def.define(p + BASE_URL, Type.STRING, null, Importance.LOW,
                    "scheme://host[:port] of the Toggl API for account '" + name + "'; default " + TogglAccount.DEFAULT_BASE_URL + ".");
            def.define(p + WORKSPACE_IDS, Type.STRING, null, Importance.LOW,
                    "Comma-separated workspace ids to sync for account '" + name + "'; default all.");
            def.define(p + ANCHOR_DATE, Type.STRING, null, Importance.LOW,
                    "ISO-8601 date or date-time where account '" + name + "''s first time_entries read starts; default now - 90 days.");
        }
        return def;
    }

    private static List<String> listedAccounts(Map<String, String> props) {
        try {
            Object names = ConfigDef.parseType(ACCOUNTS, props.get(ACCOUNTS), Type.LIST);
            List<String> out = new ArrayList<>();
            if (names instanceof List<?> l) {
                l.forEach(n -> out.add(String.valueOf(n)));
            }
            return out;
        } catch (ConfigException e) {
            return List.of();
        }
    }

    /**
     * Errors per key, for {@code Connector.validate}: the fixed keys are checked by {@link #DEF};
     * these are the per-account keys it cannot know.
     */
    static Map<String, List<String>> accountErrors(Map<String, String> props) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        List<String> names = listedAccounts(props);
        List<String> messages = new ArrayList<>();
        accounts(props, names, TogglAccount.DEFAULT_RATE, TogglAccount.DEFAULT_MAX_QUOTA_WAIT, messages);
        for (String m : messages) {
            String key = m.substring(0, m.indexOf(':'));
            errors.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
        }
        return errors;
    }

    private static List<String> checkStreams(List<String> names, List<String> errors) {
        for (String name : names) {
            if (StreamCatalogue.find(name).isEmpty()) {
                errors.add(STREAMS + ": unknown stream '" + name + "'; available: " + StreamCatalogue.names());
            }
        }
        if (names.isEmpty()) {
            errors.add(STREAMS + ": empty; name at least one of: " + StreamCatalogue.names());
        }
        return List.copyOf(names);
    }

    private static List<Account> accounts(Map<String, String> props, List<String> names, double rate, Duration maxQuotaWait,
            List<String> errors) {
        Set<String> seen = new LinkedHashSet<>();
        List<Account> accounts = new ArrayList<>();
        for (String name : names) {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                errors.add(ACCOUNTS + ": account name '" + name + "' may hold only letters, digits, '_' and '-'"
                        + " (it becomes part of config keys and offsets); rename it");
                continue;
            }
            if (!seen.add(name)) {
                errors.add(ACCOUNTS + ": account '" + name + "' is listed twice; list each account once");
                continue;
            }
            account(props, name, rate, maxQuotaWait, errors).ifPresent(accounts::add);
        }
        for (String key : props.keySet()) {
            if (!key.startsWith(ACCOUNT_PREFIX)) {
                continue;
            }
            String rest = key.substring(ACCOUNT_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            String field = dot < 0 ? "" : rest.substring(dot + 1);
            if (!seen.contains(name)) {
                errors.add(key + ": account '" + name + "' is not in " + ACCOUNTS + " " + names + "; add it there or remove the key");
            } else if (!ACCOUNT_KEYS.contains(field)) {
                errors.add(key + ": unknown account key '" + field + "'" + didYouMean(field) + "; known: " + ACCOUNT_KEYS);
            }
        }
        return List.copyOf(accounts);
    }

    private static Optional<Account> account(Map<String, String> props, String name, double rate, Duration maxQuotaWait,
            List<String> errors) {
        String p = ACCOUNT_PREFIX + name + ".";
        int before = errors.size();
        String token = props.get(p + API_TOKEN);
        if (token == null || token.isBlank()) {
            errors.add(p + API_TOKEN + ": missing for account '" + name + "'; set it, preferably through a ConfigProvider"
                    + " such as ${file:/path/secrets.properties:" + name + "}");
        }
        URI baseUrl = TogglAccount.DEFAULT_BASE_URL;
        String url = props.get(p + BASE_URL);
        if (url != null) {
            baseUrl = baseUrl(p + BASE_URL, url.trim(), errors);
        }
        List<Long> workspaceIds = List.of();
        String ids = props.get(p + WORKSPACE_IDS);
        if (ids != null && !ids.isBlank()) {
            workspaceIds = workspaceIds(p + WORKSPACE_IDS, ids, errors);
        }
        Optional<Instant> anchor = Optional.empty();
        String anchorText = props.get(p + ANCHOR_DATE);
        if (anchorText != null && !anchorText.isBlank()) {
            anchor = anchor(p + ANCHOR_DATE, anchorText.trim(), errors);
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Account(name, new TogglAccount(name, Secret.of(token.trim()), anchor, baseUrl, rate,
                maxQuotaWait, workspaceIds)));
    }

    private static URI baseUrl(String key, String value, List<String> errors) {
        try {
            URI uri = URI.create(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
                errors.add(key + ": '" + value + "' must be https://host[:port] (http:// only for a loopback host);"
                        + " e.g. https://api.track.toggl.com");
                return TogglAccount.DEFAULT_BASE_URL;
            }
            if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
                errors.add(key + ": '" + value + "' has a path; give scheme://host[:port] only (API paths are appended)");
            }
            return URI.create(scheme + "://" + uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            errors.add(key + ": '" + value + "' is not a URL; give scheme://host[:port], e.g. https://api.track.toggl.com");
            return TogglAccount.DEFAULT_BASE_URL;
        }
    }

    private static List<Long> workspaceIds(String key, String value, List<String> errors) {
        List<Long> ids = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                ids.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                errors.add(key + ": '" + part.trim() + "' is not a workspace id; give a comma-separated list of numbers");
            }
        }
        return ids;
    }

    private static Optional<Instant> anchor(String key, String value, List<String> errors) {
        Instant at;
        try {
            at = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(key + ": '" + value + "' is not an ISO-8601 date or date-time; e.g. 2025-01-31 or 2025-01-31T08:00:00Z");
            return Optional.empty();
        }
        if (at.isAfter(Instant.now())) {
            errors.add(key + ": '" + value + "' is in the future; give a past date (or none: now - 90 days)");
            return Optional.empty();
        }
        return Optional.of(at);
    }

    private static String didYouMean(String field) {
        return ACCOUNT_KEYS.stream().filter(k -> distance(k, field) <= 3).findFirst().map(k -> "; did you mean '" + k + "'?").orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    private static ConfigDef.Validator nonEmptyList() {
        return (name, value) -> {
            if (value instanceof List<?> l && l.isEmpty()) {
                throw new ConfigException(name + ": empty; list at least one account name, e.g. acme,globex");
            }
        };
    }
}
