package dev.togglsync.target.duckdb;

import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.target.BulkWriter;
import dev.togglsync.target.TableName;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes rows through DuckDB's Appender, which writes column vectors directly instead of parsing
 * SQL per row: into the replacement table (full-refresh) or the staging table (other modes).
 *
 * <p>The Appender uses its connection's transaction only if one is already active: with auto-commit
 * off but no statement run yet, duckdb_jdbc 1.4 commits each appender flush on its own
 * ({@code DuckDbAppenderTest} shows both cases). The CREATE of the table appended to always runs
 * first in the load's transaction, so every appended row rolls back with it.
 */
final class AppenderWriter implements BulkWriter {
    @FunctionalInterface
    private interface ValueAppender {
        void append(DuckDBAppender appender, Object value) throws SQLException;
    }

    private final DuckDBConnection duck;
    private final String catalog;
    private DuckDBAppender appender;
    private boolean withSeq;
    private ValueAppender[] appenders = new ValueAppender[0];
    private String[] names = new String[0];

    /**
     * @param connection the load's connection
     * @param catalog the database's catalog name (unquoted), where the replacement table is
     */
    AppenderWriter(DuckDBConnection connection, String catalog) {
        this.duck = connection;
        this.catalog = catalog;
    }

    private static ValueAppender appenderFor(ColumnType type) {
        return switch (type) {
            case BIGINT -> (a, v) -> a.append(((Long) v).longValue());
            case DOUBLE -> (a, v) -> a.append(((Double) v).doubleValue());
            case BOOLEAN -> (a, v) -> a.append(((Boolean) v).booleanValue());
            case TEXT -> (a, v) -> a.append((String) v);
            case TIMESTAMPTZ -> (a, v) -> {
                Instant t = (Instant) v;
                a.appendEpochMicros(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L),
                        t.getNano() / 1000));
            };
            case DATE -> (a, v) -> a.appendEpochDays(Math.toIntExact(((LocalDate) v).toEpochDay()));
            case JSON -> (a, v) -> a.append((String) v);
        };
    }

    @Override
    public void open(TableSchema schema, Optional<TableName> replacement) throws SQLException {
        appenders = new ValueAppender[schema.size()];
        names = new String[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            appenders[i] = appenderFor(schema.column(i).type());
            names[i] = schema.column(i).name() + " (" + schema.column(i).type() + ")";
        }
        withSeq = replacement.isEmpty();
        appender = replacement.isPresent()
                ? duck.createAppender(catalog, replacement.get().schema(), replacement.get().table())
                : duck.createAppender("temp", "main", "_toggl_sync_staging");
    }

    @Override
    public void write(long seq, Object[] row) throws SQLException {
        appender.beginRow();
        if (withSeq) {
            appender.append(seq);
        }
        for (int i = 0; i < appenders.length; i++) {
            Object value = i < row.length ? row[i] : null;
            if (value == null) {
                appender.appendNull();
                continue;
            }
            try {
                appenders[i].append(appender, value);
            } catch (ClassCastException e) {
                throw new IllegalArgumentException("column " + names[i] + " cannot hold a "
                        + value.getClass().getSimpleName() + " value", e);
            }
        }
        appender.endRow();
    }

    @Override
    public void finish() throws SQLException {
        if (appender != null) {
            DuckDBAppender closing = appender;
            appender = null;
            closing.close();
        }
    }

    @Override
    public void discard() {
        DuckDBAppender abandoned = appender;
        appender = null;
        if (abandoned != null) {
            try {
                abandoned.close();
            } catch (SQLException | RuntimeException e) {
                // Whatever it flushed is rolled back with the transaction next.
            }
        }
    }
}
