package dev.togglsync.toggl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.schema.TableSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records to typed rows: declared types, new fields, dropped secrets, and clear errors for wrong types. */
class RecordDecoderTest {
    private final List<String> warnings = new ArrayList<>();

    private CollectingSink decode(StreamSpec spec, String json) throws IOException {
        CollectingSink sink = new CollectingSink(spec.schema());
        RecordDecoder decoder = new RecordDecoder(spec, sink, warnings);
        Pages.array(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), decoder, "GET /test");
        return sink;
    }

    @Test
    void declaredFieldsBecomeTheirJavaTypes() throws IOException {
        CollectingSink sink = decode(TogglStream.PROJECTS.spec(), """
                [{"id":3730303299,"workspace_id":1,"client_id":null,"name":"Zürich ☕","active":false,
                  "at":"2024-03-17T10:58:40+00:00","created_at":"2017-08-28T10:47:38.5667Z","rate":80,"fixed_fee":12.5,
                  "start_date":"2017-08-28","recurring_parameters":[{"a":1,"b":[true,null]}],"current_period":{"start_date":"x"}}]""");

        Map<String, Object> row = sink.maps().get(0);
        assertThat(row).containsEntry("id", 3730303299L).containsEntry("workspace_id", 1L).containsEntry("client_id", null)
                .containsEntry("name", "Zürich ☕").containsEntry("active", false)
                .containsEntry("at", Instant.parse("2024-03-17T10:58:40Z"))
                .containsEntry("created_at", Instant.parse("2017-08-28T10:47:38.566700Z"))
                .containsEntry("rate", 80.0).containsEntry("fixed_fee", 12.5)
                .containsEntry("start_date", LocalDate.parse("2017-08-28"))
                .containsEntry("recurring_parameters", "[{\"a\":1,\"b\":[true,null]}]")
                .containsEntry("current_period", "{\"start_date\":\"x\"}")
                .containsEntry("color", null);
        assertThat(sink.rows.get(0)).hasSize(TogglStream.PROJECTS.spec().schema().size());
        assertThat(sink.schemaChanges).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void apiTokenIsDroppedUnread() throws IOException {
        CollectingSink sink = decode(TogglStream.WORKSPACES.spec(), "[{\"id\":1,\"api_token\":\"s3cr3t\",\"name\":\"w\"}]");
        assertThat(sink.schema.indexOf("api_token")).isEqualTo(-1);
        assertThat(sink.schemaChanges).isEmpty();
        assertThat(sink.rows.get(0)).doesNotContain("s3cr3t");
    }

    @Test
    void aNewFieldGrowsTheSchemaOnceWithATypeInferredFromItsFirstValue() throws IOException {
        CollectingSink sink = decode(TogglStream.TAGS.spec(), """
                [{"id":1,"name":"a"},
                 {"id":2,"count_x":7,"ratio_x":0.5,"flag_x":true,"when_x":"2025-01-02T03:04:05Z","label_x":"hi",
                  "list_x":[1,2],"nothing_x":null,"name":"b"},
                 {"id":3,"count_x":8,"nothing_x":{"k":"v"}}]""");

        TableSchema grown = sink.schema;
        int declared = TogglStream.TAGS.spec().schema().size();
        assertThat(grown.columns().subList(declared, grown.size())).containsExactly(
                new Column("count_x", ColumnType.BIGINT), new Column("ratio_x", ColumnType.DOUBLE),
                new Column("flag_x", ColumnType.BOOLEAN), new Column("when_x", ColumnType.TIMESTAMPTZ),
                new Column("label_x", ColumnType.TEXT), new Column("list_x", ColumnType.JSON), new Column("nothing_x", ColumnType.TEXT));
        assertThat(sink.schemaChanges).hasSize(7).last().isEqualTo(grown);
        assertThat(sink.rows.get(0)).hasSize(declared); // sent before the schema grew
        assertThat(sink.rows.get(1)).hasSize(grown.size());
        Map<String, Object> second = sink.maps().get(1);
        assertThat(second).containsEntry("count_x", 7L).containsEntry("ratio_x", 0.5).containsEntry("flag_x", true)
                .containsEntry("when_x", Instant.parse("2025-01-02T03:04:05Z")).containsEntry("label_x", "hi")
                .containsEntry("list_x", "[1,2]").containsEntry("nothing_x", null).containsEntry("name", "b");
        assertThat(sink.maps().get(2)).containsEntry("count_x", 8L).containsEntry("nothing_x", "{\"k\":\"v\"}");
        assertThat(warnings).hasSize(7).first().isEqualTo(
                "tags: Toggl sent a field the declared schema lacks, \"count_x\"; added as a BIGINT column");
    }

    @Test
    void aLaterValueThatDoesNotFitAnInferredColumnIsNullAndReportedOnceNeverAFailure() throws IOException {
        CollectingSink sink = decode(TogglStream.TAGS.spec(), "[{\"id\":1,\"n_x\":5},{\"id\":2,\"n_x\":\"five\"},{\"id\":3,\"n_x\":[5]}]");
        assertThat(sink.maps()).extracting(m -> m.get("n_x")).containsExactly(5L, null, null);
        assertThat(warnings).containsExactly(
                "tags: Toggl sent a field the declared schema lacks, \"n_x\"; added as a BIGINT column",
                "tags: new field \"n_x\" was typed BIGINT from its first value; a later value did not fit (expected a 64-bit"
                        + " integer, got \"five\") and was stored as NULL");
    }

    @Test
    void aStringWhereAnIdBelongsIsAnErrorNamingStreamFieldValueAndRequest() {
        assertThatThrownBy(() -> decode(TogglStream.PROJECTS.spec(), "[{\"id\":1},{\"id\":\"1234-abc\"}]"))
                .isInstanceOfSatisfying(TogglSyncException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.STREAMS_FAILED))
                .hasMessage("projects: field \"id\" (declared BIGINT): expected a 64-bit integer, got \"1234-abc\" in record 2 of"
                        + " GET /test; Toggl sent a type toggl-sync does not expect for this field: please report this message");
    }

    @Test
    void aNumberBeyondTheLongRangeIsAnError() {
        assertThatThrownBy(() -> decode(TogglStream.TIME_ENTRIES.spec(), "[{\"id\":123456789012345678901234567890}]"))
                .hasMessageStartingWith("time_entries: field \"id\" (declared BIGINT): expected a 64-bit integer,"
                        + " got 123456789012345678901234567890 in record 1");
    }

    @Test
    void otherMismatchesNameWhatWasExpected() {
        assertThatThrownBy(() -> decode(TogglStream.TIME_ENTRIES.spec(), "[{\"start\":\"yesterday\"}]"))
                .hasMessageStartingWith("time_entries: field \"start\" (declared TIMESTAMPTZ): expected an RFC 3339 timestamp string, got \"yesterday\"");
        assertThatThrownBy(() -> decode(TogglStream.TIME_ENTRIES.spec(), "[{\"billable\":\"no\"}]"))
                .hasMessageStartingWith("time_entries: field \"billable\" (declared BOOLEAN): expected true or false, got \"no\"");
        assertThatThrownBy(() -> decode(TogglStream.TIME_ENTRIES.spec(), "[{\"description\":{\"text\":\"x\"}}]"))
                .hasMessageStartingWith("time_entries: field \"description\" (declared TEXT): expected a string, got an object");
        assertThatThrownBy(() -> decode(TogglStream.PROJECTS.spec(), "[{\"start_date\":\"28.08.2017\"}]"))
                .hasMessageStartingWith("projects: field \"start_date\" (declared DATE): expected a YYYY-MM-DD date string, got \"28.08.2017\"");
        assertThatThrownBy(() -> decode(TogglStream.PROJECTS.spec(), "[{\"estimated_hours\":1.5}]"))
                .hasMessageStartingWith("projects: field \"estimated_hours\" (declared BIGINT): expected a 64-bit integer, got 1.5");
    }

    @Test
    void aBodyOfAnotherShapeIsAParseErrorSoThatItIsRetried() {
        assertThatThrownBy(() -> decode(TogglStream.TAGS.spec(), "{\"data\":[]}"))
                .isInstanceOf(JsonParseException.class).hasMessageStartingWith("expected a JSON array of records, got {");
        assertThatThrownBy(() -> decode(TogglStream.TAGS.spec(), "[1,2]"))
                .isInstanceOf(JsonParseException.class).hasMessageStartingWith("expected a record (JSON object), got VALUE_NUMBER_INT");
        assertThatThrownBy(() -> decode(TogglStream.TAGS.spec(), "[]{}"))
                .isInstanceOf(JsonParseException.class).hasMessageStartingWith("expected the end of the body");
        assertThatThrownBy(() -> decode(TogglStream.TAGS.spec(), "[{\"id\":1},{\"id\""))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aBodyCutOffInsideAJsonValueLeavesTheDecoderFitForTheRetriedRequest() throws IOException {
        CollectingSink sink = new CollectingSink(TogglStream.TIME_ENTRIES.spec().schema());
        RecordDecoder decoder = new RecordDecoder(TogglStream.TIME_ENTRIES.spec(), sink, warnings);
        assertThatThrownBy(() -> Pages.array(new ByteArrayInputStream("[{\"id\":1,\"tags\":[\"a\",\"b"
                .getBytes(StandardCharsets.UTF_8)), decoder, "GET /test")).isInstanceOf(IOException.class);

        Pages.array(new ByteArrayInputStream("[{\"id\":1,\"tags\":[\"a\",\"b\"],\"tag_ids\":[]},{\"id\":2,\"tags\":[\"c\"]}]"
                .getBytes(StandardCharsets.UTF_8)), decoder, "GET /test");
        assertThat(sink.maps()).extracting(m -> m.get("tags")).containsExactly("[\"a\",\"b\"]", "[\"c\"]");
        assertThat(sink.maps().get(0)).containsEntry("tag_ids", "[]");
    }

    @Test
    void theTasksEnvelopeYieldsItsDataAndTotal() throws IOException {
        CollectingSink sink = new CollectingSink(TogglStream.TASKS.spec().schema());
        RecordDecoder decoder = new RecordDecoder(TogglStream.TASKS.spec(), sink, warnings);
        Pages.Envelope e = Pages.envelope(new ByteArrayInputStream("""
                {"page":1,"data":[{"id":5,"name":"t","tracked_seconds":90000}],"per_page":200,"total_count":1}"""
                .getBytes(StandardCharsets.UTF_8)), decoder, "GET /tasks");
        assertThat(e.records()).isEqualTo(1);
        assertThat(e.totalCount()).hasValue(1);
        assertThat(sink.maps().get(0)).containsEntry("id", 5L).containsEntry("tracked_seconds", 90000L);

        Pages.Envelope none = Pages.envelope(new ByteArrayInputStream("{\"data\":null,\"total_count\":0}"
                .getBytes(StandardCharsets.UTF_8)), decoder, "GET /tasks");
        assertThat(none.records()).isZero();
    }
}
