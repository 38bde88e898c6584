package dev.togglsync.target;

import dev.togglsync.TogglSyncException;
import dev.togglsync.config.Mode;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.state.StreamState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One stream's load into a SQL database, written once for every target: rows go in bulk (each
 * target's fastest path, see the subclasses) into a temporary staging table inside one
 * transaction; {@link #commit} then moves them into the real table according to the mode and
 * writes the state row, and only then commits. Until that commit nothing is visible to readers, and
 * {@link #close()} without a commit rolls everything back (only a schema created for a new table
 * stays, empty: see {@link Catalog#createSchemaIfMissing}).
 *
 * <p>The staging table has one extra leading column, {@value #SEQ}, the row's arrival number. Rows
 * within one load may repeat a key (a retried page, overlapping time windows); before the merge the
 * earlier copies are deleted, so the last one read wins and no mode can write a key twice.
 *
 * <p>What each mode does at commit, all inside the one transaction:
 * <ul>
 *   <li>full-refresh: CREATE a new table, INSERT the rows, DROP the old table, RENAME the new one
 *       into place. Readers keep seeing the old table until the commit and the new one after it.
 *   <li>truncate: DELETE all rows and INSERT the new ones into the existing table (same object, so
 *       grants and dependent views survive); MVCC readers see old rows until the commit.
 *   <li>incremental: UPDATE rows whose key was loaded, then INSERT keys not yet present. This works
 *       on any existing table, also one created by hand or by Sling without a key constraint.
 *   <li>snapshot: INSERT every row with {@value #LOADED_AT} = the commit time.
 * </ul>
 */
public abstract class JdbcLoad implements StreamLoad {
    /** The snapshot-mode column holding the load's commit time. */
    public static final String LOADED_AT = "_toggl_sync_loaded_at";
    /** The staging table's arrival-order column; never reaches a target table. */
    protected static final String SEQ = "_toggl_sync_seq";

    private static final System.Logger LOG = System.getLogger("dev.togglsync.target");

    private enum Status { OPEN, COMMITTED, FAILED, CLOSED }

    protected final Connection connection;
    protected final SqlDialect dialect;
    private final LoadRequest request;
    private final TableName table;
    private final StateTable stateTable;
    private final TargetFailure failure;
    private final Clock clock;
    private TableSchema schema;
    private long rows;
    private Status status = Status.OPEN;
    private String doing = "starting the load";

    /**
     * @param connection a connection of this load alone, auto-commit off, the table's schema created
     * @param table the request's table with its schema resolved (never empty)
     */
    protected JdbcLoad(Connection connection, SqlDialect dialect, LoadRequest request, TableName table,
            StateTable stateTable, TargetFailure failure, Clock clock) {
        this.connection = connection;
        this.dialect = dialect;
        this.request = request;
        this.table = table;
        this.stateTable = stateTable;
        this.failure = failure;
        this.clock = clock;
        this.schema = request.schema();
    }

    /** Opens the bulk writer for a staging table that holds {@value #SEQ} plus {@code schema}'s columns. */
    protected abstract void openWriter(TableSchema schema) throws SQLException;

    /** Writes one row; {@code row} may be shorter than the schema (missing trailing values are null). */
    protected abstract void writeRow(long seq, Object[] row) throws SQLException;

    /** Flushes and ends the bulk writer so that SQL can see every row written. */
    protected abstract void closeWriter() throws SQLException;

    /** Drops the bulk writer after a failure or without a commit; must not throw. */
    protected abstract void discardWriter();

    /** Runs after every row is staged and before the merge. */
    protected void beforeMerge() throws SQLException {}

    /**
     * Checks the request, creates the staging table and opens the writer. The table's schema must
     * exist already (see {@link Catalog#createSchemaIfMissing}).
     */
    protected final void start() {
        try {
            checkKey();
            if (request.mode() == Mode.SNAPSHOT) {
                refuseKeyedSnapshotTable();
            }
            List<String> defs = new ArrayList<>();
            defs.add(dialect.quote(SEQ) + " " + dialect.typeName(ColumnType.BIGINT));
            defs.add(columnDefinitions(schema.columns()));
            exec("creating the staging table", "CREATE TEMPORARY TABLE " + dialect.stagingTable() + " ("
                    + String.join(", ", defs) + ")" + dialect.stagingOptions());
            doing = "opening the bulk writer";
            openWriter(schema);
        } catch (SQLException e) {
            TogglSyncException failed = fail(e);
            close();
            throw failed;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public final void schemaChanged(TableSchema grown) {
        requireOpen();
        if (grown.size() < schema.size() || !grown.columns().subList(0, schema.size()).equals(schema.columns())) {
            throw new IllegalArgumentException("schema of " + request.stream() + " may only grow: had " + schema
                    + ", got " + grown);
        }
        try {
            doing = "writing rows to the staging table";
            closeWriter();
            for (Column added : grown.columns().subList(schema.size(), grown.size())) {
                exec("adding column " + added.name() + " to the staging table", "ALTER TABLE "
                        + dialect.stagingTable() + " ADD COLUMN " + columnDefinition(added));
            }
            schema = grown;
            doing = "opening the bulk writer";
            openWriter(grown);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public final void accept(Object[] row) {
        requireOpen();
        if (row.length > schema.size()) {
            throw new IllegalArgumentException("row of " + row.length + " values for " + request.stream()
                    + " whose schema has " + schema.size() + " columns; call schemaChanged first");
        }
        try {
            writeRow(rows + 1, row);
        } catch (SQLException e) {
            doing = "writing rows to the staging table";
            throw fail(e);
        } catch (RuntimeException e) {
            // A value of the wrong class leaves the writer mid-row: the load cannot go on.
            status = Status.FAILED;
            throw e;
        }
        rows++;
    }

    @Override
    public final long rows() {
        return rows;
    }

    /** The columns being loaded so far (the declared schema plus any that arrived mid-load). */
    protected final TableSchema schema() {
        return schema;
    }

    @Override
    public final void commit(StreamState state) {
        requireOpen();
        try {
            doing = "writing rows to the staging table";
            closeWriter();
            doing = "preparing the merge";
            beforeMerge();
            List<String> key = request.primaryKey();
            if (!key.isEmpty()) {
                exec("removing earlier copies of keys repeated within the load", "DELETE FROM "
                        + dialect.stagingTable() + " AS s WHERE EXISTS (SELECT 1 FROM " + dialect.stagingTable()
                        + " AS d WHERE " + keyMatch("d", "s") + " AND d." + dialect.quote(SEQ) + " > s."
                        + dialect.quote(SEQ) + ")");
            }
            doing = "reading the table's columns";
            List<String> existing = Catalog.columns(connection, table);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<Column> columns = schema.columns();
            switch (request.mode()) {
                case FULL_REFRESH -> replaceTable(columns);
                case TRUNCATE -> {
                    ensureTable(existing, columns, true);
                    exec("deleting the previous rows", "DELETE FROM " + dialect.qualified(table));
                    exec("inserting the loaded rows", insertFromStaging(table, columns, false));
                }
                case INCREMENTAL -> {
                    ensureTable(existing, columns, true);
                    List<Column> values = columns.stream().filter(c -> !key.contains(c.name())).toList();
                    if (!values.isEmpty()) {
                        exec("updating rows whose key was loaded before", "UPDATE " + dialect.qualified(table)
                                + " AS t SET " + values.stream()
                                        .map(c -> dialect.quote(c.name()) + " = s." + dialect.quote(c.name()))
                                        .collect(Collectors.joining(", "))
                                + " FROM " + dialect.stagingTable() + " AS s WHERE " + keyMatch("t", "s"));
                    }
                    exec("inserting rows with new keys", insertFromStaging(table, columns, false)
                            + " WHERE NOT EXISTS (SELECT 1 FROM " + dialect.qualified(table) + " AS t WHERE "
                            + keyMatch("t", "s") + ")");
                }
                case SNAPSHOT -> {
                    List<Column> withLoadedAt = new ArrayList<>(columns);
                    withLoadedAt.add(new Column(LOADED_AT, ColumnType.TIMESTAMPTZ));
                    ensureTable(existing, withLoadedAt, false);
                    doing = "appending the loaded rows";
                    try (PreparedStatement p = connection.prepareStatement(insertFromStaging(table, columns, true))) {
                        p.setString(1, now.toString());
                        p.executeUpdate();
                    }
                }
            }
            doing = "writing the state row";
            stateTable.write(connection, request.connection(), request.stream(), state, now);
            doing = "committing";
            connection.commit();
            status = Status.COMMITTED;
        } catch (SQLException e) {
            throw fail(e);
        } finally {
            close();
        }
    }

    @Override
    public final void close() {
        if (status == Status.CLOSED) {
            return;
        }
        if (status != Status.COMMITTED) {
            discardWriter();
            try {
                connection.rollback();
            } catch (SQLException e) {
                // A lost connection has rolled back on the server side already.
                LOG.log(System.Logger.Level.DEBUG, "rollback of " + table + " failed", e);
            }
        }
        status = Status.CLOSED;
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the connection of " + table + " failed", e);
        }
    }

    /** full-refresh: the new table is complete before the old one is dropped, all in one transaction. */
    private void replaceTable(List<Column> columns) throws SQLException {
        TableName fresh = new TableName(table.schema(), "_toggl_sync_new_" + shortHash(table.table()));
        exec("creating the replacement table", "CREATE TABLE " + dialect.qualified(fresh) + " ("
                + columnDefinitions(columns) + ")");
        exec("inserting the loaded rows", insertFromStaging(fresh, columns, false));
        exec("dropping the previous table", "DROP TABLE IF EXISTS " + dialect.qualified(table));
        exec("renaming the replacement table into place", "ALTER TABLE " + dialect.qualified(fresh)
                + " RENAME TO " + dialect.quote(table.table()));
        if (dialect.declaresPrimaryKey() && !request.primaryKey().isEmpty()) {
            // Built after the rows are in: one index build is cheaper than maintaining it per row.
            exec("adding the primary key", "ALTER TABLE " + dialect.qualified(table) + " ADD PRIMARY KEY ("
                    + quotedList(request.primaryKey()) + ")");
        }
    }

    /** Creates the table when missing; adds columns the existing table lacks (nullable). */
    private void ensureTable(List<String> existing, List<Column> columns, boolean keyed) throws SQLException {
        if (existing.isEmpty()) {
            String key = keyed && dialect.declaresPrimaryKey() && !request.primaryKey().isEmpty()
                    ? ", PRIMARY KEY (" + quotedList(request.primaryKey()) + ")"
                    : "";
            exec("creating the table", "CREATE TABLE " + dialect.qualified(table) + " ("
                    + columnDefinitions(columns) + key + ")");
            return;
        }
        Set<String> present = new HashSet<>(existing);
        for (Column c : columns) {
            if (!present.contains(c.name())) {
                exec("adding column " + c.name(), "ALTER TABLE " + dialect.qualified(table) + " ADD COLUMN "
                        + columnDefinition(c));
            }
        }
    }

    private String insertFromStaging(TableName into, List<Column> columns, boolean withLoadedAt) {
        String names = columns.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "));
        String values = columns.stream().map(c -> "s." + dialect.quote(c.name())).collect(Collectors.joining(", "));
        if (withLoadedAt) {
            names += ", " + dialect.quote(LOADED_AT);
            values += ", CAST(? AS " + dialect.typeName(ColumnType.TIMESTAMPTZ) + ")";
        }
        return "INSERT INTO " + dialect.qualified(into) + " (" + names + ") SELECT " + values + " FROM "
                + dialect.stagingTable() + " AS s";
    }

    private String keyMatch(String left, String right) {
        return request.primaryKey().stream()
                .map(k -> left + "." + dialect.quote(k) + " = " + right + "." + dialect.quote(k))
                .collect(Collectors.joining(" AND "));
    }

    private String quotedList(List<String> names) {
        return names.stream().map(dialect::quote).collect(Collectors.joining(", "));
    }

    private String columnDefinitions(List<Column> columns) {
        return columns.stream().map(this::columnDefinition).collect(Collectors.joining(", "));
    }

    private String columnDefinition(Column c) {
        return dialect.quote(c.name()) + " " + dialect.typeName(c.type());
    }

    private void checkKey() {
        List<String> key = request.primaryKey();
        if (request.mode() == Mode.INCREMENTAL && key.isEmpty()) {
            throw TogglSyncException.invalidInput(failure.target() + ": " + table + ": mode incremental needs a"
                    + " primary_key for stream " + request.stream());
        }
        for (String k : key) {
            if (schema.indexOf(k) < 0) {
                throw TogglSyncException.invalidInput(failure.target() + ": " + table + ": primary_key column '" + k
                        + "' is not a column of stream " + request.stream() + "; its columns are "
                        + schema.columns().stream().map(Column::name).collect(Collectors.joining(", ")));
            }
        }
    }

    /**
     * Snapshot mode appends the same keys on every load, which a key constraint forbids: say so
     * before any row is read rather than fail on the second load. This happens when a table that
     * another mode created (with its primary key) is switched to snapshot mode.
     */
    private void refuseKeyedSnapshotTable() throws SQLException {
        doing = "reading the table's constraints";
        List<String> constraints = Catalog.keyConstraints(connection, table);
        if (!constraints.isEmpty()) {
            throw failure.plain(table + ": mode snapshot appends every load, so keys repeat, but the table has key"
                    + " constraint " + String.join(", ", constraints) + "; snapshot into another object (for example "
                    + table + "_snapshots), or drop the constraint");
        }
    }

    /** Runs one statement; {@code what} names the step in the error message if it fails. */
    protected final void exec(String what, String sql) throws SQLException {
        doing = what;
        LOG.log(System.Logger.Level.DEBUG, () -> table + ": " + sql);
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private void requireOpen() {
        if (status != Status.OPEN) {
            throw new IllegalStateException("the load of " + table + " is " + status.name().toLowerCase());
        }
    }

    private TogglSyncException fail(SQLException e) {
        status = Status.FAILED;
        return failure.of(table, doing, e, dialect.hint(e));
    }

    /** A short stable suffix that keeps derived names unique per table and within identifier limits. */
    private static String shortHash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
