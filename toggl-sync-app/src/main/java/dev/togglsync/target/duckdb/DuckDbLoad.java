package dev.togglsync.target.duckdb;

import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.target.JdbcLoad;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StateTable;
import dev.togglsync.target.TableName;
import dev.togglsync.target.TargetFailure;
import java.sql.SQLException;
import java.time.Clock;
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
 * ({@code DuckDbAppenderTest} shows both cases). Here the CREATE of the table appended to always
 * runs first in the load's transaction, so every appended row rolls back with it.
 */
final class DuckDbLoad extends JdbcLoad {
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

    private DuckDbLoad(DuckDBConnection connection, DuckDbDialect dialect, LoadRequest request, TableName table,
            StateTable stateTable, TargetFailure failure, Clock clock) {
        super(connection, dialect, request, table, stateTable, failure, clock);
        this.duck = connection;
        this.catalog = dialect.catalog();
    }

    /** Opens a load on {@code connection} (auto-commit off), which then belongs to the load. */
    static DuckDbLoad start(DuckDBConnection connection, DuckDbDialect dialect, LoadRequest request,
            TableName table, StateTable stateTable, TargetFailure failure, Clock clock) {
        DuckDbLoad load = new DuckDbLoad(connection, dialect, request, table, stateTable, failure, clock);
        load.start();
        return load;
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
    protected void openWriter(TableSchema schema, Optional<TableName> replacement) throws SQLException {
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
    protected void writeRow(long seq, Object[] row) throws SQLException {
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
    protected void closeWriter() throws SQLException {
        if (appender != null) {
            DuckDBAppender closing = appender;
            appender = null;
            closing.close();
        }
    }

    @Override
    protected void discardWriter() {
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
