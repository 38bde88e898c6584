package dev.togglsync.target.sqlite;

import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.target.BulkWriter;
import dev.togglsync.target.SqlDialect;
import dev.togglsync.target.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes rows with one prepared INSERT, executed in batches: SQLite is in-process, so there is no
 * round trip to save, and one prepared statement stepped per row inside the load's one transaction
 * is its fastest way in (no journal flush until the commit).
 */
final class SqliteWriter implements BulkWriter {
    private static final int BATCH = 1_000;

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement p, int index, Object value) throws SQLException;
    }

    private final Connection connection;
    private final SqlDialect dialect;
    private PreparedStatement insert;
    private Binder[] binders = new Binder[0];
    private String[] names = new String[0];
    private boolean withSeq;
    private int pending;

    SqliteWriter(Connection connection, SqlDialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** The value as SQLite stores it: see {@link SqliteDialect#typeName}. */
    private static Binder binderFor(ColumnType type) {
        return switch (type) {
            case BIGINT -> (p, i, v) -> p.setLong(i, (Long) v);
            case DOUBLE -> (p, i, v) -> p.setDouble(i, (Double) v);
            case BOOLEAN -> (p, i, v) -> p.setInt(i, ((Boolean) v) ? 1 : 0);
            case TEXT -> (p, i, v) -> p.setString(i, (String) v);
            case TIMESTAMPTZ -> (p, i, v) -> p.setString(i, isoUtc((Instant) v));
            case DATE -> (p, i, v) -> p.setString(i, ((java.time.LocalDate) v).toString());
            case JSON -> (p, i, v) -> p.setString(i, (String) v);
        };
    }

    /** ISO-8601 in UTC, to the microsecond like the other targets: 2024-05-06T07:08:09Z, 2024-05-06T07:08:09.123456Z. */
    static String isoUtc(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS).toString();
    }

    @Override
    public void open(TableSchema schema, Optional<TableName> replacement) throws SQLException {
        binders = new Binder[schema.size()];
        names = new String[schema.size()];
        List<String> columns = new ArrayList<>();
        withSeq = replacement.isEmpty();
        if (withSeq) {
            columns.add(dialect.quote(SEQ));
        }
        for (int i = 0; i < schema.size(); i++) {
            binders[i] = binderFor(schema.column(i).type());
            names[i] = schema.column(i).name() + " (" + schema.column(i).type() + ")";
            columns.add(dialect.quote(schema.column(i).name()));
        }
        String table = replacement.map(dialect::qualified).orElse(dialect.stagingTable());
        insert = connection.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")");
        pending = 0;
    }

    @Override
    public void write(long seq, Object[] row) throws SQLException {
        int index = 1;
        if (withSeq) {
            insert.setLong(index++, seq);
        }
        for (int i = 0; i < binders.length; i++, index++) {
            Object value = i < row.length ? row[i] : null;
            if (value == null) {
                insert.setNull(index, java.sql.Types.NULL);
                continue;
            }
            try {
                binders[i].bind(insert, index, value);
            } catch (ClassCastException e) {
                insert.clearParameters();
                throw new IllegalArgumentException("column " + names[i] + " cannot hold a "
                        + value.getClass().getSimpleName() + " value", e);
            }
        }
        insert.addBatch();
        if (++pending == BATCH) {
            insert.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void finish() throws SQLException {
        if (insert == null) {
            return;
        }
        PreparedStatement closing = insert;
        insert = null;
        try (closing) {
            if (pending > 0) {
                closing.executeBatch();
            }
        }
        pending = 0;
    }

    @Override
    public void discard() {
        PreparedStatement abandoned = insert;
        insert = null;
        if (abandoned != null) {
            try {
                abandoned.close();
            } catch (SQLException e) {
                // Whatever it wrote is rolled back with the transaction next.
            }
        }
    }
}
