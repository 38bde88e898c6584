package dev.togglsync.connect;

import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.toggl.TogglStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The connector's one view of toggl-source's stream catalogue ({@link TogglStream}): which streams
 * exist, which one is read by cursor, where a record's workspace id sits, and each declared schema
 * as a Connect schema. The rest of the connector holds {@link StreamSpec}s, the declared shapes
 * the source reads by, so this class is the only one that names the catalogue type.
 */
final class StreamCatalogue {
    /** The record key of every stream (DESIGN.md §10): a sink upserts by it. */
    static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("dev.togglsync.connect.Key")
            .field("workspace_id", Schema.OPTIONAL_INT64_SCHEMA)
            .field("id", Schema.INT64_SCHEMA)
            .build();

    /** Value schemas per (stream, table schema): built once per shape, not per record. */
    private static final ConcurrentMap<List<Object>, Schema> VALUE_SCHEMAS = new ConcurrentHashMap<>();

    private StreamCatalogue() {}

    /** What {@code '*'} means, in dependency order: the default of {@code streams}, as for the CLI. */
    static List<String> defaultStreams() {
        return TogglStream.star().stream().map(StreamSpec::name).toList();
    }

    /** Any stream of the catalogue, opt-in ones included: naming a stream selects it. */
    static Optional<StreamSpec> find(String name) {
        return TogglStream.find(name).map(TogglStream::spec);
    }

    /** "me, workspaces, ..." for error messages. */
    static String names() {
        return TogglStream.names();
    }

    /** Whether the stream is read by cursor (time_entries) rather than whole. */
    static boolean byCursor(StreamSpec stream) {
        return stream.incremental();
    }

    /**
     * Where the record's workspace id sits: the key's {@code workspace_id}. The workspaces stream
     * is keyed by its own id; {@code me} belongs to no workspace.
     */
    static int workspaceColumn(StreamSpec stream, TableSchema schema) {
        if (TogglStream.of(stream) == TogglStream.WORKSPACES) {
            return schema.indexOf("id");
        }
        int i = schema.indexOf("workspace_id");
        return i >= 0 ? i : schema.indexOf("wid");
    }

    static Schema valueSchema(StreamSpec stream, TableSchema schema) {
        return VALUE_SCHEMAS.computeIfAbsent(List.of(stream.name(), schema), k -> buildValueSchema(stream, schema));
    }

    private static Schema buildValueSchema(StreamSpec stream, TableSchema schema) {
        SchemaBuilder b = SchemaBuilder.struct().name("dev.togglsync.connect." + stream.name())
                .doc(stream.description());
        for (Column c : schema.columns()) {
            b.field(c.name(), connectType(c.type()));
        }
        return b.build();
    }

    /**
     * One exhaustive switch over the declared column types (STYLE.md habit 10): a new type breaks
     * the build here until it is mapped. Every field is optional: the API sends nulls for all but ids.
     */
    static Schema connectType(ColumnType type) {
        return switch (type) {
            case BIGINT -> Schema.OPTIONAL_INT64_SCHEMA;
            case DOUBLE -> Schema.OPTIONAL_FLOAT64_SCHEMA;
            case BOOLEAN -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
            case TEXT -> Schema.OPTIONAL_STRING_SCHEMA;
            case TIMESTAMPTZ -> Timestamp.builder().optional().build();
            // A Connect Date is midnight UTC as java.util.Date; the ISO text keeps the calendar day
            // exactly as Toggl wrote it and every sink can read it.
            case DATE -> Schema.OPTIONAL_STRING_SCHEMA;
            // Arrays and objects travel as their JSON text (DESIGN.md §10).
            case JSON -> Schema.OPTIONAL_STRING_SCHEMA;
        };
    }

    /** A source row (values as {@link ColumnType} documents) as a Connect value. */
    static Struct value(Schema valueSchema, TableSchema schema, Object[] row) {
        Struct s = new Struct(valueSchema);
        for (int i = 0; i < row.length && i < schema.size(); i++) {
            Object v = row[i];
            if (v == null) {
                continue;
            }
            Column c = schema.column(i);
            s.put(c.name(), switch (c.type()) {
                case BIGINT, DOUBLE, BOOLEAN, TEXT, JSON -> v;
                case TIMESTAMPTZ -> Date.from((Instant) v);
                case DATE -> ((LocalDate) v).toString();
            });
        }
        return s;
    }

    /** The record key; the id column is the stream's declared primary key. */
    static Struct key(StreamSpec stream, TableSchema schema, Object[] row) {
        int ws = workspaceColumn(stream, schema);
        Struct k = new Struct(KEY_SCHEMA);
        k.put("workspace_id", ws >= 0 && ws < row.length ? (Long) row[ws] : null);
        k.put("id", (Long) row[schema.indexOf(stream.primaryKey().get(0))]);
        return k;
    }
}
