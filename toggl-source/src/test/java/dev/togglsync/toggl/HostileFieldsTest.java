package dev.togglsync.toggl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.StreamSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Field names from the API are remote data (issue 18, findings 7 and 9): a name that cannot be a
 * column in every target, or one too many, goes into the {@code _extra} JSON column with a warning;
 * secret-bearing fields are never stored; nothing printed carries a control character.
 */
class HostileFieldsTest {
    private final List<String> warnings = new ArrayList<>();

    private CollectingSink decode(StreamSpec spec, String json) throws IOException {
        CollectingSink sink = new CollectingSink(spec.schema());
        RecordDecoder decoder = new RecordDecoder(spec, sink, warnings);
        Pages.array(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), decoder, "GET /test");
        return sink;
    }

    @Test
    void namesNoTargetCanHoldGoIntoExtraWithAWarningEach() throws IOException {
        String long64 = "x".repeat(64);
        String escape = "evil\u001b]0;pwned\u0007";
        CollectingSink sink = decode(TogglStream.TAGS.spec(), "[{\"id\":1,\"ID\":2,\"\":3,\"nul\\u0000\":4,\""
                + long64 + "\":5,\"_toggl_sync_loaded_at\":6,\"_Extra\":7,\"" + escape.replace("\u001b", "\\u001b")
                        .replace("\u0007", "\\u0007") + "\":8,\"fine_x\":9},{\"id\":10,\"ID\":11}]");

        int declared = TogglStream.TAGS.spec().schema().size();
        assertThat(sink.schema.columns().subList(declared, sink.schema.size())).containsExactly(
                new Column("fine_x", ColumnType.BIGINT), new Column("_extra", ColumnType.JSON));
        Map<String, Object> first = sink.maps().get(0);
        assertThat(first.get("id")).isEqualTo(1L);
        assertThat(first.get("fine_x")).isEqualTo(9L);
        assertThat((String) first.get("_extra")).isEqualTo("{\"ID\":2,\"\":3,\"nul\\u0000\":4,\"" + long64
                + "\":5,\"_toggl_sync_loaded_at\":6,\"_Extra\":7,\"evil\\u001B]0;pwned\\u0007\":8}");
        assertThat(sink.maps().get(1)).containsEntry("id", 10L).containsEntry("_extra", "{\"ID\":11}");
        assertThat(warnings).hasSize(8).anySatisfy(w -> assertThat(w).isEqualTo("tags: Toggl sent a new field \"ID\" that cannot"
                + " be a column (it differs from column \"id\" only in case, which DuckDB cannot tell apart); its values are"
                + " kept in the _extra JSON column"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("\"evil?]0;pwned?\"", "control characters"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("longer than 63 bytes"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("an empty name"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("\"_toggl_sync_loaded_at\"", "toggl-sync's own"));
        for (String w : warnings) {
            assertThat(w.chars()).as(w).noneMatch(c -> c < 0x20 || c == 0x7f);
        }
    }

    @Test
    void twoNamesSharingTheirFirst63BytesCannotBothBeColumns() throws IOException {
        String a = "é".repeat(31) + "a"; // 63 bytes: fits
        String b = "é".repeat(31) + "ab"; // 64 bytes: PostgreSQL would cut it to a's name
        CollectingSink sink = decode(TogglStream.TAGS.spec(), "[{\"id\":1,\"" + a + "\":1,\"" + b + "\":2}]");
        assertThat(sink.schema.indexOf(a)).isPositive();
        assertThat(sink.schema.indexOf(b)).isEqualTo(-1);
        assertThat(sink.maps().get(0)).containsEntry("_extra", "{\"" + b + "\":2}");
    }

    @Test
    void aStreamGrowsAtMost200NewColumnsAndKeepsTheRestInExtra() throws IOException {
        StringBuilder json = new StringBuilder("[{\"id\":1");
        for (int i = 0; i < 3000; i++) {
            json.append(",\"f").append(String.format(Locale.ROOT, "%04d", i)).append("\":").append(i);
        }
        CollectingSink sink = decode(TogglStream.TAGS.spec(), json.append("}]").toString());

        int declared = TogglStream.TAGS.spec().schema().size();
        assertThat(sink.schema.size()).isEqualTo(declared + NewFields.MAX_NEW_COLUMNS + 1);
        assertThat(sink.schema.indexOf("f0199")).isPositive();
        assertThat(sink.schema.indexOf("f0200")).isEqualTo(-1);
        String extra = (String) sink.maps().get(0).get("_extra");
        assertThat(extra).startsWith("{\"f0200\":200,").endsWith("\"f2999\":2999}");
        assertThat(warnings).filteredOn(w -> w.contains("more new fields")).containsExactly(NewFields.capReached("tags", "f0200"));
    }

    @Test
    void calendarFeedUrlsAndSupportChatHashesAreNeitherDeclaredNorStored() throws IOException {
        assertThat(TogglStream.WORKSPACES.spec().schema().indexOf("ical_url")).isEqualTo(-1);
        assertThat(TogglStream.ME.spec().schema().indexOf("intercom_hash")).isEqualTo(-1);

        CollectingSink workspaces = decode(TogglStream.WORKSPACES.spec(),
                "[{\"id\":1,\"ical_url\":\"/ical/workspace_user/s3cr3tfeed\",\"ical_enabled\":true}]");
        CollectingSink me = decode(TogglStream.ME.spec(), "[{\"id\":1,\"intercom_hash\":\"h4shs3cr3t\"}]");

        assertThat(workspaces.schemaChanges).isEmpty();
        assertThat(me.schemaChanges).isEmpty();
        assertThat(Arrays.asList(workspaces.rows.get(0))).doesNotContain("/ical/workspace_user/s3cr3tfeed");
        assertThat(Arrays.asList(me.rows.get(0))).doesNotContain("h4shs3cr3t");
        assertThat(warnings).isEmpty();
    }
}
