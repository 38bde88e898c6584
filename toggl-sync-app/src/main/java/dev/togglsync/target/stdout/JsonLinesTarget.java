package dev.togglsync.target.stdout;

import dev.togglsync.schema.Rescan;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.togglsync.TogglSyncException;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StoredState;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.Target;
import dev.togglsync.target.WriteProbe;
import java.io.IOException;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * {@code run --stdout} (Sling's flag): every record as one JSON object per line on {@code out},
 * with a {@value #STREAM} field naming its stream first, then the stream's columns as the other
 * targets declare them (timestamps ISO-8601 UTC, JSON columns nested). No state is read or kept, so
 * every run reads as a first run would; rows are written as they arrive, so a stream that fails
 * midway has printed the rows read before the failure (the run's exit code says so).
 */
public final class JsonLinesTarget implements Target {
    /** The field naming each record's stream. */
    public static final String STREAM = "_stream";
    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator out;

    /** @param out standard output; flushed after each stream, never closed */
    public JsonLinesTarget(Writer out) {
        try {
            this.out = JSON.createGenerator(out)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            this.out.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StreamLoad begin(LoadRequest request) {
        return new Lines(request.stream(), request.schema());
    }

    @Override
    public Optional<StreamState> state(String connection, String stream) {
        return Optional.empty();
    }

    @Override
    public List<StoredState> states() {
        return List.of();
    }

    @Override
    public boolean resetState(String connection, String stream) {
        return false;
    }

    @Override
    public WriteProbe checkWritable(String schema) {
        return new WriteProbe(WriteProbe.Kind.NOTHING, "stdout");
    }

    @Override
    public String describe() {
        return "stdout";
    }

    @Override
    public void close() {
        try {
            out.flush();
        } catch (IOException e) {
            // Standard output closed under us (a pipe's reader quit): nothing left to tell it.
        }
    }

    private final class Lines implements StreamLoad {
        private final String stream;
        private TableSchema schema;
        private long rows;

        Lines(String stream, TableSchema schema) {
            this.stream = stream;
            this.schema = schema;
        }

        @Override
        public void schemaChanged(TableSchema grown) {
            schema = grown;
        }

        @Override
        public void accept(Object[] row) {
            try {
                out.writeStartObject();
                out.writeStringField(STREAM, stream);
                for (int i = 0; i < schema.size(); i++) {
                    Column c = schema.column(i);
                    out.writeFieldName(c.name());
                    write(c.type(), i < row.length ? row[i] : null);
                }
                out.writeEndObject();
                out.writeRaw('\n');
            } catch (IOException e) {
                throw TogglSyncException.target("stdout: cannot write: " + e.getMessage(), e);
            }
            rows++;
        }

        private void write(ColumnType type, Object v) throws IOException {
            if (v == null) {
                out.writeNull();
                return;
            }
            switch (type) {
                case BIGINT -> out.writeNumber((Long) v);
                case DOUBLE -> out.writeNumber((Double) v);
                case BOOLEAN -> out.writeBoolean((Boolean) v);
                case TEXT -> out.writeString((String) v);
                case TIMESTAMPTZ -> out.writeString(((Instant) v).truncatedTo(ChronoUnit.MICROS).toString());
                case DATE -> out.writeString(((LocalDate) v).toString());
                case JSON -> out.writeRawValue((String) v);
            }
        }

        @Override
        public void commit(StreamState state, List<Rescan> rescans) {
            try {
                out.flush();
            } catch (IOException e) {
                throw TogglSyncException.target("stdout: cannot write: " + e.getMessage(), e);
            }
        }

        @Override
        public long rows() {
            return rows;
        }

        @Override
        public void close() {
            try {
                out.flush();
            } catch (IOException e) {
                // See JsonLinesTarget.close.
            }
        }
    }
}
