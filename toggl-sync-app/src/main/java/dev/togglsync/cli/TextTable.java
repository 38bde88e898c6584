package dev.togglsync.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table for stdout: a header row, then one row per item; numbers may be right-aligned. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final java.util.Set<Integer> rightAligned = new java.util.HashSet<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    /** Right-aligns the given columns (counts, durations). */
    TextTable rightAlign(int... columns) {
        for (int c : columns) {
            rightAligned.add(c);
        }
        return this;
    }

    void print(PrintWriter out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                // The last column is not padded: no trailing blanks.
                String pad = " ".repeat(width[i] - row[i].length());
                String cell = rightAligned.contains(i) ? pad + row[i] : row[i] + pad;
                line.append(cell).append(i == columns - 1 ? "" : "  ");
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
