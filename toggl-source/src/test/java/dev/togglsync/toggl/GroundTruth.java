package dev.togglsync.toggl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.TableSchema;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulator's ground truth (JSON trees, exactly as served) typed by the declared schema,
 * independently of the decoder under test: the value each column should hold.
 */
final class GroundTruth {
    private GroundTruth() {}

    static Map<Long, Map<String, Object>> byId(Collection<? extends JsonNode> records, TableSchema schema) {
        Map<Long, Map<String, Object>> out = new TreeMap<>();
        for (JsonNode r : records) {
            out.put(r.get("id").asLong(), typed((ObjectNode) r, schema));
        }
        return out;
    }

    static Map<String, Object> typed(ObjectNode record, TableSchema schema) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Column c : schema.columns()) {
            JsonNode v = record.get(c.name());
            m.put(c.name(), v == null || v.isNull() ? null : switch (c.type()) {
                case BIGINT -> v.longValue();
                case DOUBLE -> v.doubleValue();
                case BOOLEAN -> v.booleanValue();
                case TEXT -> v.textValue();
                case TIMESTAMPTZ -> OffsetDateTime.parse(v.textValue()).toInstant();
                case DATE -> LocalDate.parse(v.textValue());
                case JSON -> v.toString();
            });
        }
        return m;
    }

    /** Fields of the record that the schema does not declare (besides the dropped api_token). */
    static java.util.Set<String> undeclared(ObjectNode record, TableSchema schema) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Iterator<String> it = record.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (schema.indexOf(f) < 0 && !f.equals("api_token")) {
                out.add(f);
            }
        }
        return out;
    }
}
