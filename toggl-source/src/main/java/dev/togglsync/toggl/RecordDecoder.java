package dev.togglsync.toggl;

import com.fasterxml.jackson.core.JsonParser;
import dev.togglsync.TogglSyncException;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.schema.TableSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the JSON records of one stream into typed rows, one record at a time, straight from the
 * parser (memory holds one record, whatever the response size). Declared columns get strict
 * readers built once; a field the schema lacks becomes a new column typed from its first value
 * ({@link RowSink#schemaChanged} first, wider rows after); {@code api_token} is skipped unread.
 * One decoder serves a whole stream read, across pages and workspaces, so the schema grows once.
 */
final class RecordDecoder {
    /** Fields never stored anywhere (DESIGN.md §5): the API returns the user's token on /me and on workspaces. */
    static final Set<String> DROPPED_FIELDS = Set.of("api_token");

    private final String stream;
    private final RowSink sink;
    private final List<String> warnings;
    private final List<ValueReader> readers = new ArrayList<>();
    private final Set<String> misfitsReported = new HashSet<>();
    private TableSchema schema;
    /** The schema's column names and readers by position, for the per-field loop. */
    private String[] names;
    private ValueReader[] readerAt;

    RecordDecoder(StreamSpec spec, RowSink sink, List<String> warnings) {
        this.stream = spec.name();
        this.sink = sink;
        this.warnings = warnings;
        this.schema = spec.schema();
        for (Column c : schema.columns()) {
            if (DROPPED_FIELDS.contains(c.name())) {
                throw new IllegalArgumentException(stream + ": column " + c.name() + " is a secret and must not be declared");
            }
            readers.add(Converters.strict(c.type()));
        }
        index();
    }

    private void index() {
        names = schema.columns().stream().map(Column::name).toArray(String[]::new);
        readerAt = readers.toArray(ValueReader[]::new);
    }

    TableSchema schema() {
        return schema;
    }

    /**
     * Reads the object the parser stands on (its START_OBJECT) and sends the row.
     *
     * @param where the request, for error messages
     * @param ordinal the record's position in the response, from 1, for error messages
     */
    void decode(JsonParser p, String where, int ordinal) throws IOException {
        Object[] row = new Object[schema.size()];
        int expected = 0;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            // Records list their fields in the same order, mostly the schema's: try the column
            // after the last one first. Jackson interns field names and the declared names are
            // literals, so an identity check usually settles it without hashing the name.
            int i = expected < names.length && names[expected] == field ? expected : schema.indexOf(field);
            if (i < 0) {
                // Dropped fields are never columns, so only an unknown name needs this check.
                if (DROPPED_FIELDS.contains(field)) {
                    p.skipChildren();
                    continue;
                }
                i = addColumn(field, p);
                row = Arrays.copyOf(row, schema.size());
            }
            expected = i + 1;
            try {
                row[i] = readerAt[i].read(p);
            } catch (Converters.Mismatch m) {
                throw TogglSyncException.streamFailed(stream + ": field \"" + field + "\" (declared "
                        + schema.column(i).type() + "): " + m.getMessage() + " in record " + ordinal + " of " + where
                        + "; Toggl sent a type toggl-sync does not expect for this field: please report this message");
            }
        }
        sink.accept(row);
    }

    private int addColumn(String field, JsonParser p) throws IOException {
        ColumnType type = Converters.infer(p);
        schema = schema.with(new Column(field, type));
        readers.add(Converters.lenient(type, misfit -> {
            if (misfitsReported.add(field)) {
                warnings.add(stream + ": new field \"" + field + "\" was typed " + type + " from its first value; a later value did not fit ("
                        + misfit + ") and was stored as NULL");
            }
        }));
        index();
        warnings.add(stream + ": Toggl sent a field the declared schema lacks, \"" + field + "\"; added as a " + type + " column");
        sink.schemaChanged(schema);
        return schema.size() - 1;
    }
}
