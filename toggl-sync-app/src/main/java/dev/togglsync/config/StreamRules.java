package dev.togglsync.config;

import dev.togglsync.schema.Column;
import dev.togglsync.schema.StreamSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns one stream's merged settings into a {@link PlannedStream}, checking names against its declared schema. */
final class StreamRules {
    /** PostgreSQL's identifier limit (NAMEDATALEN − 1); a longer name is cut short without an error. */
    static final int MAX_NAME_BYTES = 63;

    static final List<String> PLACEHOLDERS = List.of("stream_name", "source_name", "run_timestamp");
    static final DateTimeFormatter RUN_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private StreamRules() {}

    static PlannedStream resolve(StreamSpec spec, StreamSettings s, String source, Instant runTime) {
        Mode mode = s.mode() != null ? s.mode().value() : Replication.DEFAULT_MODE;
        String object = s.object() != null
                ? render(s.object().value(), s.object().where(), spec.name(), source, runTime)
                : render(Replication.DEFAULT_OBJECT, Where.of("default object"), spec.name(), source, runTime);
        List<String> primaryKey = s.primaryKey() != null ? columns(spec, s.primaryKey()) : spec.primaryKey();
        if (primaryKey.isEmpty()) {
            throw s.primaryKey().where().error("is empty; name at least one column (example: primary_key: [id])");
        }
        Optional<String> updateKey = Optional.empty();
        if (s.updateKey() != null) {
            String key = column(spec, s.updateKey().value(), s.updateKey().where());
            if (spec.cursorField().isPresent() && !spec.cursorField().get().equals(key)) {
                throw s.updateKey().where().error("'" + key + "' cannot be the cursor of " + spec.name()
                        + ": the Toggl API filters it by " + spec.cursorField().get() + " only; use update_key: "
                        + spec.cursorField().get());
            }
            updateKey = Optional.of(key);
        } else if (mode == Mode.INCREMENTAL) {
            updateKey = spec.cursorField();
        }
        List<String> select = List.of();
        Where selectAt = s.select() != null ? s.select().where() : Where.of("select");
        if (s.select() != null) {
            for (int i = 0; i < s.select().value().size(); i++) {
                String c = s.select().value().get(i);
                column(spec, c.startsWith("-") ? c.substring(1) : c, selectAt.index(i));
            }
            select = s.select().value();
        }
        PlannedStream planned = new PlannedStream(spec, mode, object, primaryKey, updateKey, select,
                s.sourceOptions() != null ? s.sourceOptions().value() : Map.of(),
                s.targetOptions() != null ? s.targetOptions().value() : Map.of());
        checkKeysSelected(planned, selectAt);
        return planned;
    }

    /**
     * The one rule for {@code select} and keys: the primary key is kept in every mode, since each
     * load merges repeated keys to one row (a response asked again after it broke off delivers its
     * rows twice); incremental mode also reads the update key, so it is kept too.
     */
    static void checkKeysSelected(PlannedStream s, Where where) {
        List<String> needed = new ArrayList<>(s.primaryKey());
        if (s.mode() == Mode.INCREMENTAL) {
            s.updateKey().ifPresent(needed::add);
        }
        for (String column : needed) {
            if (s.selects(column)) {
                continue;
            }
            throw where.error(s.mode() == Mode.INCREMENTAL
                    ? s.name() + ": incremental mode needs column " + column
                            + " (primary or update key), but select leaves it out; keep " + column + " in select"
                    : s.name() + ": select leaves out primary key column " + column + ", but every load merges rows"
                            + " with the same key on it; keep " + column + " in select");
        }
    }

    /** Fills in {stream_name}, {source_name} (lower-case) and {run_timestamp}; the result is table or schema.table. */
    static String render(String template, Where where, String stream, String source, Instant runTime) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            switch (name) {
                case "stream_name":
                    value = stream;
                    break;
                case "source_name":
                    value = source.toLowerCase(Locale.ROOT);
                    break;
                case "run_timestamp":
                    value = RUN_TIMESTAMP.format(runTime);
                    break;
                default:
                    throw where.error("unknown placeholder {" + name + "}"
                            + Suggest.closest(name, PLACEHOLDERS).map(c -> " (did you mean {" + c + "}?)").orElse("")
                            + "; use {stream_name}, {source_name} or {run_timestamp}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String object = out.toString();
        String[] parts = object.split("\\.", -1);
        boolean ok = parts.length <= 2;
        for (String p : parts) {
            ok &= !p.isBlank() && !p.contains("{") && !p.contains("}");
        }
        if (!ok) {
            throw where.error("'" + template + "' must give table or schema.table (example: toggl.{stream_name})");
        }
        for (String p : parts) {
            // A NUL ends the statement text in DuckDB's parser; line breaks and tabs in a name are
            // never what was meant. Refused here, before any request, not at CREATE TABLE.
            int control = p.codePoints().filter(Character::isISOControl).findFirst().orElse(-1);
            if (control >= 0) {
                throw where.error("'" + printable(object) + "' holds the control character U+"
                        + String.format("%04X", control) + "; names cannot hold control characters (tabs, line breaks,"
                        + " NUL): remove it");
            }
            int bytes = p.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NAME_BYTES) {
                throw where.error("'" + object + "': the name '" + p + "' is " + bytes + " bytes long; PostgreSQL"
                        + " keeps only the first " + MAX_NAME_BYTES + " bytes of a name (and a later run would not find"
                        + " the table), so toggl-sync refuses longer names on every target: shorten it");
            }
        }
        return object;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04X", c)
                : new String(Character.toChars(c))));
        return out.toString();
    }

    private static List<String> columns(StreamSpec spec, StreamSettings.Setting<List<String>> names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.value().size(); i++) {
            out.add(column(spec, names.value().get(i), names.where().index(i)));
        }
        return out;
    }

    private static String column(StreamSpec spec, String name, Where where) {
        if (spec.schema().indexOf(name) < 0) {
            List<String> all = spec.schema().columns().stream().map(Column::name).collect(Collectors.toList());
            String hint = Suggest.didYouMean(name, all);
            throw where.error("'" + name + "' is not a column of " + spec.name()
                    + (hint.isEmpty() ? "; columns: " + String.join(", ", all) : hint));
        }
        return name;
    }

}
