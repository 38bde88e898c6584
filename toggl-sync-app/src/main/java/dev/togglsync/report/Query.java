package dev.togglsync.report;

import java.util.List;

/**
 * One SQL statement of the report with its parameters, in order. Parameters are instants (bound
 * as ISO-8601 text and cast in the SQL) and longs; {@code report --show-sql} prints both.
 */
record Query(String title, String sql, List<Object> params) {
    Query {
        params = List.copyOf(params);
    }

    /** The statement as {@code --show-sql} prints it: a comment naming it, the SQL, the bound values. */
    String describe() {
        StringBuilder b = new StringBuilder("-- ").append(title).append('\n').append(sql.strip()).append(";\n");
        if (!params.isEmpty()) {
            b.append("-- parameters, in order: ");
            for (int i = 0; i < params.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(params.get(i));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
