package dev.togglsync.target;

import dev.togglsync.schema.ColumnType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What {@link Target#checkWritable} does on a JDBC connection: in one transaction, create the
 * schema when missing, create a table in it, write a row and drop the table; then roll it all back.
 * Both databases check privileges per statement, so a missing right fails here just as a load
 * would fail, and the rollback leaves nothing behind (DDL is transactional in both).
 */
final class WriteCheck {
    /** The table created and dropped; a name no stream can have. */
    static final String TABLE = "_toggl_sync_write_check";

    private WriteCheck() {}

    /**
     * @param c a connection of this check alone; its auto-commit is turned off and the work rolled back
     * @param schema the schema to check; empty = the connection's current schema, where unqualified
     *     objects (the default plan's) go
     * @return the schema checked
     */
    static String run(Connection c, SqlDialect dialect, String schema, TargetFailure failure) {
        TableName table = new TableName(schema, TABLE);
        String doing = "reading the current schema";
        try {
            if (schema.isEmpty()) {
                schema = Catalog.currentSchema(c).orElseThrow(
                        () -> new SQLException("no schema of the search_path exists; name one with --schema"));
                table = new TableName(schema, TABLE);
            }
            doing = "checking schema " + schema;
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (!Catalog.schemaExists(c, schema)) {
                    doing = "creating schema " + schema;
                    s.execute("CREATE SCHEMA " + dialect.qualifiedSchema(schema));
                }
                doing = "creating a table";
                s.execute("CREATE TABLE " + dialect.qualified(table) + " (" + dialect.quote("id") + " "
                        + dialect.typeName(ColumnType.BIGINT) + ")");
                doing = "writing a row";
                s.execute("INSERT INTO " + dialect.qualified(table) + " VALUES (1)");
                doing = "dropping the table";
                s.execute("DROP TABLE " + dialect.qualified(table));
            } finally {
                c.rollback();
            }
            return schema;
        } catch (SQLException e) {
            throw failure.of(table, doing, e, dialect.hint(e));
        }
    }
}
