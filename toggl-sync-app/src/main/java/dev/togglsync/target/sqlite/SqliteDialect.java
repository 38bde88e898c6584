package dev.togglsync.target.sqlite;

import dev.togglsync.schema.ColumnType;
import dev.togglsync.target.SqlDialect;
import dev.togglsync.target.TableName;
import java.sql.SQLException;
import java.util.Optional;

/**
 * SQLite's spelling of the shared load SQL. SQLite has no schemas besides {@code main} (and the
 * connection's {@code temp}) and no information_schema: the catalog questions go to its pragma
 * table functions instead.
 */
final class SqliteDialect implements SqlDialect {
    static final SqliteDialect INSTANCE = new SqliteDialect();
    /** Result code of a busy database (another connection holds the write lock): SQLITE_BUSY. */
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_CONSTRAINT = 19;

    private SqliteDialect() {}

    /**
     * SQLite stores a value by its storage class, whatever the declared type, so the declared names
     * are the ones that give each column the right affinity and tell a reader what to expect:
     * timestamps as ISO-8601 UTC text ({@code 2024-05-06T07:08:09Z}, which SQLite's date functions
     * read and which sorts in time order), booleans as 0/1, dates as {@code YYYY-MM-DD}, JSON as text
     * (SQLite's {@code json_*} functions read it).
     */
    @Override
    public String typeName(ColumnType type) {
        return switch (type) {
            case BIGINT -> "INTEGER";
            case DOUBLE -> "REAL";
            case BOOLEAN -> "INTEGER";
            case TEXT -> "TEXT";
            case TIMESTAMPTZ -> "TEXT";
            case DATE -> "TEXT";
            case JSON -> "TEXT";
        };
    }

    @Override
    public String stagingTable() {
        // The temp schema is private to the connection, and each load has its own connection.
        return "\"temp\".\"_toggl_sync_staging\"";
    }

    /**
     * Without an index, the merge's lookups by key (removing repeated keys, matching the table's
     * rows) would scan the staging table once per row.
     */
    @Override
    public Optional<String> indexStaging(String quotedKey) {
        return Optional.of("CREATE INDEX \"temp\".\"_toggl_sync_staging_key\" ON \"_toggl_sync_staging\" ("
                + quotedKey + ")");
    }

    /** Row ids number a table's rows in insertion order (tables are created without INTEGER PRIMARY KEY). */
    @Override
    public String arrivalOrder() {
        return "rowid";
    }

    @Override
    public boolean declaresPrimaryKey() {
        return true;
    }

    /**
     * SQLite cannot add a PRIMARY KEY to an existing table; a UNIQUE index on the key does the same
     * two jobs (the merge's lookups, and refusing a repeated key). It is named after the table, and
     * the index goes with the table when it is renamed or dropped.
     */
    @Override
    public String addPrimaryKey(TableName table, String quotedKey) {
        return "CREATE UNIQUE INDEX " + qualifiedSchema(table.schema()) + "." + quote(table.table() + "_pkey")
                + " ON " + quote(table.table()) + " (" + quotedKey + ")";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return (e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT
                || String.valueOf(e.getMessage()).contains("UNIQUE constraint failed");
    }

    @Override
    public String columnsQuery() {
        // pragma_table_info(table, schema): the parameters come as (schema, table), hence ?2, ?1.
        return "SELECT name FROM pragma_table_info(?2, ?1) ORDER BY cid";
    }

    /**
     * The table's unique indexes (a PRIMARY KEY's own index among them), and "PRIMARY KEY" for a
     * key that has no index of its own (a single INTEGER PRIMARY KEY column is the row id).
     */
    @Override
    public String keyConstraintsQuery() {
        return "SELECT name FROM pragma_index_list(?2, ?1) WHERE \"unique\" = 1"
                + " UNION ALL SELECT 'PRIMARY KEY' FROM pragma_table_info(?2, ?1) WHERE pk = 1"
                + " AND NOT EXISTS (SELECT 1 FROM pragma_index_list(?2, ?1) WHERE origin = 'pk') ORDER BY 1";
    }

    @Override
    public String currentSchemaQuery() {
        return "SELECT 'main'";
    }

    @Override
    public String schemaExistsQuery() {
        return "SELECT 1 FROM pragma_database_list WHERE name = ?";
    }

    @Override
    public String hint(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_BUSY || String.valueOf(e.getMessage()).contains("database is locked")) {
            return "another toggl-sync run (or another program) holds the SQLite database's write lock;"
                    + " let it finish, or stop it, then run again";
        }
        return null;
    }
}
