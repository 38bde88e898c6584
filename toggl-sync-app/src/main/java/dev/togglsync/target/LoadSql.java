package dev.togglsync.target;

import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SQL text of one load into {@link #table()}, spelled by its database's {@link SqlDialect}.
 * Every name goes through {@link SqlDialect#quote}, so no configured name can escape into SQL.
 * In the statements that read the staging table it is aliased {@code s}; the target table is
 * {@code t}; the second copy in a self-join is {@code d}.
 */
final class LoadSql {
    private final SqlDialect dialect;
    private final TableName table;
    private final List<String> key;

    /**
     * @param table the target table, its schema resolved
     * @param key the merge key; empty when the stream has none
     */
    LoadSql(SqlDialect dialect, TableName table, List<String> key) {
        this.dialect = dialect;
        this.table = table;
        this.key = List.copyOf(key);
    }

    SqlDialect dialect() {
        return dialect;
    }

    TableName table() {
        return table;
    }

    List<String> key() {
        return key;
    }

    String quote(String identifier) {
        return dialect.quote(identifier);
    }

    String qualified(TableName name) {
        return dialect.qualified(name);
    }

    String staging() {
        return dialect.stagingTable();
    }

    /** CREATE TABLE of {@code columns}; with {@code withKey}, also the merge key as PRIMARY KEY. */
    String createTable(TableName name, List<Column> columns, boolean withKey) {
        String primaryKey = withKey ? ", PRIMARY KEY (" + quotedList(key) + ")" : "";
        return "CREATE TABLE " + qualified(name) + " (" + columnDefinitions(columns) + primaryKey + ")";
    }

    /** The staging table: {@value BulkWriter#SEQ} first, then {@code columns}. */
    String createStaging(List<Column> columns) {
        List<String> defs = new ArrayList<>();
        defs.add(quote(BulkWriter.SEQ) + " " + dialect.typeName(ColumnType.BIGINT));
        defs.add(columnDefinitions(columns));
        return "CREATE TEMPORARY TABLE " + staging() + " (" + String.join(", ", defs) + ")" + dialect.stagingOptions();
    }

    /** ALTER TABLE {@code qualifiedTable} ADD COLUMN, always nullable: rows already there have no value. */
    String addColumn(String qualifiedTable, Column column) {
        return "ALTER TABLE " + qualifiedTable + " ADD COLUMN " + columnDefinition(column);
    }

    /**
     * Deletes every row of {@code from} that a later row of the same key follows, "later" by the
     * ordering expression {@code order} (an arrival number or a physical row position).
     */
    String deleteEarlierCopies(String from, String order) {
        return "DELETE FROM " + from + " AS s WHERE EXISTS (SELECT 1 FROM " + from + " AS d WHERE " + keyMatch("d", "s")
                + " AND d." + order + " > s." + order + ")";
    }

    /** A query that returns a row when the target table holds some key more than once. */
    String findRepeatedKeys() {
        return "SELECT 1 FROM " + qualified(table) + " GROUP BY " + quotedList(key) + " HAVING count(*) > 1 LIMIT 1";
    }

    String addPrimaryKey() {
        return "ALTER TABLE " + qualified(table) + " ADD PRIMARY KEY (" + quotedList(key) + ")";
    }

    String dropTableIfExists() {
        return "DROP TABLE IF EXISTS " + qualified(table);
    }

    /** Renames {@code replacement}, in the target table's schema, to the target table's name. */
    String renameIntoPlace(TableName replacement) {
        return "ALTER TABLE " + qualified(replacement) + " RENAME TO " + quote(table.table());
    }

    String deleteAll() {
        return "DELETE FROM " + qualified(table);
    }

    /** Sets {@code values} of every target row whose key is in the staging table. */
    String updateFromStaging(List<Column> values) {
        return "UPDATE " + qualified(table) + " AS t SET " + values.stream()
                .map(c -> quote(c.name()) + " = s." + quote(c.name()))
                .collect(Collectors.joining(", "))
                + " FROM " + staging() + " AS s WHERE " + keyMatch("t", "s");
    }

    /** Copies every staged row into the target table. */
    String insertFromStaging(List<Column> columns) {
        return insert(columns, Optional.empty());
    }

    /** Copies the staged rows whose key the target table does not hold yet. */
    String insertNewKeysFromStaging(List<Column> columns) {
        return insert(columns, Optional.empty()) + " WHERE NOT EXISTS (SELECT 1 FROM " + qualified(table)
                + " AS t WHERE " + keyMatch("t", "s") + ")";
    }

    /** Copies every staged row, with column {@code loadedAt} set to the statement's one parameter, a timestamp text. */
    String insertFromStagingAt(List<Column> columns, String loadedAt) {
        return insert(columns, Optional.of(loadedAt));
    }

    private String insert(List<Column> columns, Optional<String> loadedAt) {
        String names = columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
        String values = columns.stream().map(c -> "s." + quote(c.name())).collect(Collectors.joining(", "));
        if (loadedAt.isPresent()) {
            names += ", " + quote(loadedAt.get());
            values += ", CAST(? AS " + dialect.typeName(ColumnType.TIMESTAMPTZ) + ")";
        }
        return "INSERT INTO " + qualified(table) + " (" + names + ") SELECT " + values + " FROM " + staging() + " AS s";
    }

    private String keyMatch(String left, String right) {
        return key.stream()
                .map(k -> left + "." + quote(k) + " = " + right + "." + quote(k))
                .collect(Collectors.joining(" AND "));
    }

    private String quotedList(List<String> names) {
        return names.stream().map(dialect::quote).collect(Collectors.joining(", "));
    }

    private String columnDefinitions(List<Column> columns) {
        return columns.stream().map(this::columnDefinition).collect(Collectors.joining(", "));
    }

    private String columnDefinition(Column c) {
        return quote(c.name()) + " " + dialect.typeName(c.type());
    }
}
