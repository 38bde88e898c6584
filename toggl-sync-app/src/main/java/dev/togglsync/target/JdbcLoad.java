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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One stream's load into a SQL database, written once for every target: rows go in bulk (each
 * target's fastest path, see the subclasses) into a landing table inside one transaction;
 * {@link #commit} then puts them in place according to the mode and writes the state row, and only
 * then commits. Until that commit nothing is visible to readers, and {@link #close()} without a
 * commit rolls everything back (only a schema created for a new table stays, empty: see
 * {@link Catalog#createSchemaIfMissing}).
 *
 * <p>Rows within one load may repeat a key (a retried page, overlapping time windows); the earlier
 * copies are deleted before the commit, so the last one read wins and no mode can write a key twice.
 *
 * <p>Where rows land and what each mode does at commit, all inside the one transaction:
 * <ul>
 *   <li>full-refresh: rows go straight into a new table, created when the load starts; at commit
 *       the old table is DROPped and the new one RENAMEd into place. Readers keep seeing the old
 *       table until the commit and the new one after it. Writing the rows once, not into staging
 *       and then again into the table, took the commit of a million time entries into PostgreSQL
 *       from about 4 s (ANALYZE, repeat removal, INSERT ... SELECT) down to the primary key's build,
 *       about 0.4 s (bench/NOTES.md). A repeated key is found by the primary key's build (or,
 *       without one, a grouping query) and its earlier copies removed by the table's physical row
 *       order ({@link SqlDialect#arrivalOrder()}), which in a table filled by this load alone is
 *       the order the rows arrived in.
 * </ul>
 * The other modes stage rows in a temporary table with one extra leading column, {@value #SEQ},
 * the row's arrival number, and merge from it:
 * <ul>
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
    private static final String UNIQUE_VIOLATION = "23505";

    private enum Status { OPEN, COMMITTED, FAILED, CLOSED }

    protected final Connection connection;
    protected final SqlDialect dialect;
    private final LoadRequest request;
    private final TableName table;
    private final StateTable stateTable;
    private final TargetFailure failure;
    private final Clock clock;
    /** full-refresh: the new table the rows go straight into; other modes: empty (staging). */
    private final Optional<TableName> replacement;
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
        this.replacement = request.mode() == Mode.FULL_REFRESH
                ? Optional.of(new TableName(table.schema(), "_toggl_sync_new_" + shortHash(table.table())))
                : Optional.empty();
    }

    /**
     * Opens the bulk writer for {@code schema}'s columns: into {@code replacement}, a table of
     * exactly those columns, when present; else into the staging table ({@link SqlDialect#stagingTable()}),
     * which holds {@value #SEQ} first and then those columns.
     */
    protected abstract void openWriter(TableSchema schema, Optional<TableName> replacement) throws SQLException;

    /**
     * Writes one row; {@code row} may be shorter than the schema (missing trailing values are null).
     * {@code seq} is written only into the staging table.
     */
    protected abstract void writeRow(long seq, Object[] row) throws SQLException;

    /** Flushes and ends the bulk writer so that SQL can see every row written. */
    protected abstract void closeWriter() throws SQLException;

    /** Drops the bulk writer after a failure or without a commit; must not throw. */
    protected abstract void discardWriter();

    /** Runs after every row is staged and before the merge (not in full-refresh, which stages nothing). */
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
            if (replacement.isPresent()) {
                exec("creating the replacement table", "CREATE TABLE " + dialect.qualified(replacement.get()) + " ("
                        + columnDefinitions(schema.columns()) + ")");
            } else {
                List<String> defs = new ArrayList<>();
                defs.add(dialect.quote(SEQ) + " " + dialect.typeName(ColumnType.BIGINT));
                defs.add(columnDefinitions(schema.columns()));
                exec("creating the staging table", "CREATE TEMPORARY TABLE " + dialect.stagingTable() + " ("
                        + String.join(", ", defs) + ")" + dialect.stagingOptions());
            }
            doing = "opening the bulk writer";
            openWriter(schema, replacement);
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
            String landing = replacement.map(dialect::qualified).orElse(dialect.stagingTable());
            for (Column added : grown.columns().subList(schema.size(), grown.size())) {
                exec("adding column " + added.name() + " to the " + (replacement.isPresent() ? "replacement" : "staging")
                        + " table", "ALTER TABLE " + landing + " ADD COLUMN " + columnDefinition(added));
            }
            schema = grown;
            doing = "opening the bulk writer";
            openWriter(grown, replacement);
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
            doing = "writing rows to the " + (replacement.isPresent() ? "replacement" : "staging") + " table";
            closeWriter();
            List<String> key = request.primaryKey();
            if (replacement.isEmpty()) {
                doing = "preparing the merge";
                beforeMerge();
                if (!key.isEmpty()) {
                    exec("removing earlier copies of keys repeated within the load", "DELETE FROM "
                            + dialect.stagingTable() + " AS s WHERE EXISTS (SELECT 1 FROM " + dialect.stagingTable()
                            + " AS d WHERE " + keyMatch("d", "s") + " AND d." + dialect.quote(SEQ) + " > s."
                            + dialect.quote(SEQ) + ")");
                }
            }
            doing = "reading the table's columns";
            List<String> existing = replacement.isPresent() ? List.of() : Catalog.columns(connection, table);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<Column> columns = schema.columns();
            switch (request.mode()) {
                case FULL_REFRESH -> replaceTable(replacement.orElseThrow());
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

    /**
     * full-refresh: the new table, holding every row already, replaces the old one, all in one
     * transaction; then each key keeps only its last copy.
     */
    private void replaceTable(TableName fresh) throws SQLException {
        exec("dropping the previous table", "DROP TABLE IF EXISTS " + dialect.qualified(table));
        exec("renaming the replacement table into place", "ALTER TABLE " + dialect.qualified(fresh)
                + " RENAME TO " + dialect.quote(table.table()));
        if (request.primaryKey().isEmpty()) {
            return;
        }
        if (!dialect.declaresPrimaryKey()) {
            if (hasRepeatedKeys()) {
                keepLastCopies();
            }
            return;
        }
        // Built after the rows are in: one index build is cheaper than maintaining it per row, and
        // it is also the check for repeated keys, which are rare (a retried page): only when it
        // fails are the earlier copies deleted and the key built again.
        Savepoint beforeKey = connection.setSavepoint();
        try {
            addPrimaryKey();
            connection.releaseSavepoint(beforeKey);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(beforeKey);
            keepLastCopies();
            addPrimaryKey();
        }
    }

    private void addPrimaryKey() throws SQLException {
        exec("adding the primary key", "ALTER TABLE " + dialect.qualified(table) + " ADD PRIMARY KEY ("
                + quotedList(request.primaryKey()) + ")");
    }

    private boolean hasRepeatedKeys() throws SQLException {
        doing = "looking for keys repeated within the load";
        String keys = quotedList(request.primaryKey());
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT 1 FROM "
                + dialect.qualified(table) + " GROUP BY " + keys + " HAVING count(*) > 1 LIMIT 1")) {
            return r.next();
        }
    }

    /** Deletes every row of the new table that a later row of the same key follows. */
    private void keepLastCopies() throws SQLException {
        String t = dialect.qualified(table);
        String order = dialect.arrivalOrder();
        exec("removing earlier copies of keys repeated within the load", "DELETE FROM " + t + " AS s WHERE EXISTS"
                + " (SELECT 1 FROM " + t + " AS d WHERE " + keyMatch("d", "s") + " AND d." + order + " > s." + order + ")");
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
