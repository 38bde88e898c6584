package dev.togglsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.config.Replication;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.TableSchema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code target_options.add_new_columns}: whether a field the API adds later reaches the table. */
class AddNewColumnsTest {
    private static PlannedLoad load(String targetOptions) {
        return RunPlanner.plan(Replication.parse("r.yaml", "streams: { tags: { select: [-permissions], target_options: "
                + targetOptions + " } }", Clock.systemUTC())).get(0);
    }

    /** What reaches the target when the source grows the schema by one column mid-stream. */
    private static List<String> columnsAfterGrowth(PlannedLoad load) {
        TableSchema declared = load.stream().spec().schema();
        List<Column> grown = new ArrayList<>(declared.columns());
        grown.add(new Column("colour_v2", ColumnType.TEXT));
        List<String> seen = new ArrayList<>(load.schema().columns().stream().map(Column::name).toList());
        RowSink target = new RowSink() {
            @Override
            public void schemaChanged(TableSchema schema) {
                seen.clear();
                schema.columns().forEach(c -> seen.add(c.name()));
            }

            @Override
            public void accept(Object[] row) {}
        };
        new SelectingSink(load.selection(), declared, target).schemaChanged(new TableSchema(grown));
        return seen;
    }

    @Test
    void byDefaultANewFieldBecomesAColumn() {
        PlannedLoad load = load("{ add_new_columns: true }");

        assertThat(columnsAfterGrowth(load)).contains("colour_v2").doesNotContain("permissions");
    }

    @Test
    void falseKeepsTheDeclaredColumnsMinusExclusions() {
        PlannedLoad load = load("{ add_new_columns: false }");

        assertThat(columnsAfterGrowth(load)).doesNotContain("colour_v2", "permissions").contains("id", "name");
        assertThat(load.schema().columns()).isEqualTo(load("{}").schema().columns());
    }
}
