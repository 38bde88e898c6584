package dev.togglsync.toggl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.togglsync.TogglSyncException;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a Reports v3 detailed page (toggl-api.md §5) into report_time_entries rows, streamed:
 * each row's fields, with each element of its {@code time_entries[]} (one when {@code grouped} is
 * false) lifted up beside them, plus the workspace the request addressed. Fields that only present
 * the report ({@code row_number}, {@code at_tz}, the names {@code enrich_response} adds) are not
 * columns and are skipped; the columns are declared, not grown from what arrives.
 */
final class ReportRows {
    private static final JsonFactory JSON = new JsonFactory();
    /** The fields of a {@code time_entries[]} element that are columns; the row's own fields are the rest. */
    private static final Set<String> ENTRY_FIELDS = Set.of("id", "seconds", "start", "stop", "at");

    /**
     * What one page held.
     *
     * @param rows rows sent to the sink
     * @param newest the newest {@code at} among them
     * @param reachedOlder whether a row older than the stop point came (it and those after it were not sent)
     */
    record Page(int rows, Optional<Instant> newest, boolean reachedOlder) {}

    private final String stream;
    private final TableSchema schema;
    private final ValueReader[] readers;
    private final int workspaceColumn;
    private final int atColumn;
    private final int flagColumn;
    private final RowSink sink;

    ReportRows(TogglStream stream, RowSink sink) {
        this.stream = stream.streamName();
        this.schema = stream.spec().schema();
        this.readers = schema.columns().stream().map(Column::type).map(Converters::strict).toArray(ValueReader[]::new);
        this.workspaceColumn = schema.indexOf("workspace_id");
        this.atColumn = schema.indexOf("at");
        this.flagColumn = schema.indexOf(ReportTimeEntries.DELETED_AT);
        this.sink = sink;
    }

    /**
     * Reads one page. With {@code stopBelow}, the page is in {@code at} order, newest first
     * ({@code order_by: last_update, DESC}): the first row older than it ends what is sent.
     */
    Page read(InputStream body, long workspaceId, Optional<Instant> stopBelow, String where) throws IOException {
        int rows = 0;
        Instant newest = null;
        boolean older = false;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new JsonParseException(p, "expected a JSON array of report rows");
            }
            JsonToken t;
            int ordinal = 0;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                ordinal++;
                for (Object[] row : row(p, where, ordinal)) {
                    row[workspaceColumn] = workspaceId;
                    Instant at = row[atColumn] instanceof Instant i ? i : null;
                    if (older || (stopBelow.isPresent() && at != null && at.isBefore(stopBelow.get()))) {
                        older = true;
                        continue;
                    }
                    if (at != null && (newest == null || at.isAfter(newest))) {
                        newest = at;
                    }
                    sink.accept(row);
                    rows++;
                }
            }
            if (t != JsonToken.END_ARRAY) {
                throw new JsonParseException(p, "expected a report row (JSON object)");
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "expected the end of the body, got more JSON");
            }
        }
        return new Page(rows, Optional.ofNullable(newest), older);
    }

    /** The rows of the report row the parser stands on: one per element of its time_entries. */
    private List<Object[]> row(JsonParser p, String where, int ordinal) throws IOException {
        Object[] shared = new Object[schema.size()];
        List<Object[]> entries = new ArrayList<>(1);
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            if (field.equals("time_entries") && value == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    Object[] entry = new Object[schema.size()];
                    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                        p.nextToken();
                        read(p, ENTRY_FIELDS.contains(f) ? schema.indexOf(f) : -1, entry, f, where, ordinal);
                    }
                    entries.add(entry);
                }
            } else {
                int i = ENTRY_FIELDS.contains(field) || field.equals("workspace_id") ? -1 : schema.indexOf(field);
                read(p, i == flagColumn ? -1 : i, shared, field, where, ordinal);
            }
        }
        for (Object[] entry : entries) {
            for (int i = 0; i < entry.length; i++) {
                if (entry[i] == null) {
                    entry[i] = shared[i];
                }
            }
        }
        return entries;
    }

    private void read(JsonParser p, int column, Object[] into, String field, String where, int ordinal) throws IOException {
        if (column < 0) {
            p.skipChildren();
            return;
        }
        try {
            into[column] = readers[column].read(p);
        } catch (Converters.Mismatch m) {
            throw TogglSyncException.streamFailed(stream + ": field \"" + field + "\" (declared " + schema.column(column).type()
                    + "): " + m.getMessage() + " in report row " + ordinal + " of " + where
                    + "; Toggl sent a type toggl-sync does not expect for this field: please report this message");
        }
    }
}
