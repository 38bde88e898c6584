package dev.togglsync.toggl;

import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keeps what a source sent: the schema changes and the rows, readable as maps by column name. */
final class CollectingSink implements RowSink {
    final List<TableSchema> schemaChanges = new ArrayList<>();
    final List<Object[]> rows = new ArrayList<>();
    TableSchema schema;

    CollectingSink(TableSchema initial) {
        this.schema = initial;
    }

    @Override
    public void schemaChanged(TableSchema grown) {
        schemaChanges.add(grown);
        schema = grown;
    }

    @Override
    public void accept(Object[] row) {
        if (row.length > schema.size()) {
            throw new AssertionError("a row of " + row.length + " values for a schema of " + schema.size() + " columns");
        }
        rows.add(row);
    }

    /** Every row as column name → value (missing trailing values of older, narrower rows are null). */
    List<Map<String, Object>> maps() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < schema.size(); i++) {
                m.put(schema.column(i).name(), i < row.length ? row[i] : null);
            }
            out.add(m);
        }
        return out;
    }

    /** Rows by id, the last one winning: what a target's upsert by primary key keeps. */
    Map<Long, Map<String, Object>> byId() {
        Map<Long, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> m : maps()) {
            out.put((Long) m.get("id"), m);
        }
        return out;
    }
}
