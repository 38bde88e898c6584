package dev.togglsync.engine;

import dev.togglsync.schema.RowSink;
import dev.togglsync.config.Selection;
import dev.togglsync.schema.TableSchema;

/** Projects the source's rows onto the selected columns before they reach the target. */
final class SelectingSink implements RowSink {
    private final Selection selection;
    private final RowSink downstream;
    private int[] positions;
    private int outputWidth;

    SelectingSink(Selection selection, TableSchema sourceSchema, RowSink downstream) {
        this.selection = selection;
        this.downstream = downstream;
        recompute(sourceSchema);
    }

    @Override
    public void schemaChanged(TableSchema schema) {
        int before = outputWidth;
        recompute(schema);
        if (outputWidth != before) {
            downstream.schemaChanged(selection.apply(schema));
        }
    }

    @Override
    public void accept(Object[] row) {
        Object[] out = new Object[outputWidth];
        for (int i = 0; i < outputWidth; i++) {
            int from = positions[i];
            out[i] = from < row.length ? row[from] : null;
        }
        downstream.accept(out);
    }

    private void recompute(TableSchema schema) {
        int[] p = new int[schema.size()];
        int n = 0;
        for (int i = 0; i < schema.size(); i++) {
            if (selection.keeps(schema.column(i).name())) {
                p[n++] = i;
            }
        }
        positions = p;
        outputWidth = n;
    }
}
