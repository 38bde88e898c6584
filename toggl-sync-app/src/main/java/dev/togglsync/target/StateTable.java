package dev.togglsync.target;

import dev.togglsync.TogglSyncException;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.state.StreamState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code _toggl_sync_state} table of one target database (DESIGN.md §6): one row per source
 * connection and stream, holding {@link StreamState#toJson()}. There is one such table per target
 * database, in a fixed schema (PostgreSQL {@code public}, DuckDB {@code main}), whatever schemas the
 * streams' tables live in, so that {@code state show} finds every stream in one place.
 *
 * <p>Reading never creates the table: a target that has never been loaded simply has no state.
 */
final class StateTable {
    static final String NAME = "_toggl_sync_state";

    private final SqlDialect dialect;
    private final TableName table;
    private final TargetFailure failure;

    StateTable(SqlDialect dialect, String schema, TargetFailure failure) {
        this.dialect = dialect;
        this.table = new TableName(schema, NAME);
        this.failure = failure;
    }

    /** Creates the table when missing. Safe to race with another run doing the same. */
    void ensure(Connection c) {
        try {
            if (exists(c)) {
                return;
            }
            String json = dialect.typeName(ColumnType.JSON);
            String ddl = "CREATE TABLE IF NOT EXISTS " + dialect.qualified(table) + " ("
                    + dialect.quote("connection") + " " + dialect.typeName(ColumnType.TEXT) + " NOT NULL, "
                    + dialect.quote("stream") + " " + dialect.typeName(ColumnType.TEXT) + " NOT NULL, "
                    + dialect.quote("value") + " " + json + " NOT NULL, "
                    + dialect.quote("updated_at") + " " + dialect.typeName(ColumnType.TIMESTAMPTZ) + " NOT NULL, "
                    + "PRIMARY KEY (" + dialect.quote("connection") + ", " + dialect.quote("stream") + "))";
            try (Statement s = c.createStatement()) {
                s.execute(ddl);
            } catch (SQLException e) {
                // Two runs starting at once may both see no table; the loser's CREATE fails on the
                // catalog's unique index even with IF NOT EXISTS. The table exists then: fine.
                if (!exists(c)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw failure.of(table, "cannot create the state table", e,
                    "the target user needs the right to create tables in schema " + table.schema());
        }
    }

    /** Writes one stream's state; the caller commits it together with the stream's rows. */
    void write(Connection c, String connection, String stream, StreamState state, Instant now)
            throws SQLException {
        String sql = "INSERT INTO " + dialect.qualified(table) + " ("
                + dialect.quote("connection") + ", " + dialect.quote("stream") + ", "
                + dialect.quote("value") + ", " + dialect.quote("updated_at") + ") VALUES (?, ?, CAST(? AS "
                + dialect.typeName(ColumnType.JSON) + "), CAST(? AS " + dialect.typeName(ColumnType.TIMESTAMPTZ) + "))"
                + " ON CONFLICT (" + dialect.quote("connection") + ", " + dialect.quote("stream") + ") DO UPDATE SET "
                + dialect.quote("value") + " = excluded." + dialect.quote("value") + ", "
                + dialect.quote("updated_at") + " = excluded." + dialect.quote("updated_at");
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, connection);
            p.setString(2, stream);
            p.setString(3, state.toJson());
            p.setString(4, now.truncatedTo(ChronoUnit.MICROS).toString());
            p.executeUpdate();
        }
    }

    Optional<StreamState> read(Connection c, String connection, String stream) {
        try {
            if (!exists(c)) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw failure.of(table, "cannot read the state of " + connection + "/" + stream, e, null);
        }
        return readExisting(c, connection, stream);
    }

    /** {@link #read}, for a caller that knows the table exists (it created or saw it): no catalog query. */
    Optional<StreamState> readExisting(Connection c, String connection, String stream) {
        try {
            try (PreparedStatement p = c.prepareStatement(select() + " WHERE " + dialect.quote("connection")
                    + " = ? AND " + dialect.quote("stream") + " = ?")) {
                p.setString(1, connection);
                p.setString(2, stream);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(parse(r).state()) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw failure.of(table, "cannot read the state of " + connection + "/" + stream, e, null);
        }
    }

    List<StoredState> readAll(Connection c) {
        try {
            List<StoredState> all = new ArrayList<>();
            if (!exists(c)) {
                return all;
            }
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(select() + " ORDER BY " + dialect.quote("connection") + ", "
                            + dialect.quote("stream"))) {
                while (r.next()) {
                    all.add(parse(r));
                }
            }
            return all;
        } catch (SQLException e) {
            throw failure.of(table, "cannot read the state table", e, null);
        }
    }

    boolean delete(Connection c, String connection, String stream) {
        try {
            if (!exists(c)) {
                return false;
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + dialect.qualified(table) + " WHERE "
                    + dialect.quote("connection") + " = ? AND " + dialect.quote("stream") + " = ?")) {
                p.setString(1, connection);
                p.setString(2, stream);
                return p.executeUpdate() > 0;
            }
        } catch (SQLException e) {
            throw failure.of(table, "cannot reset the state of " + connection + "/" + stream, e, null);
        }
    }

    private boolean exists(Connection c) throws SQLException {
        return !Catalog.columns(c, dialect, table).isEmpty();
    }

    private String select() {
        return "SELECT " + dialect.quote("connection") + ", " + dialect.quote("stream") + ", CAST("
                + dialect.quote("value") + " AS " + dialect.typeName(ColumnType.TEXT) + ") FROM "
                + dialect.qualified(table);
    }

    private StoredState parse(ResultSet r) throws SQLException {
        String connection = r.getString(1);
        String stream = r.getString(2);
        try {
            return new StoredState(connection, stream, StreamState.fromJson(r.getString(3)));
        } catch (IllegalArgumentException e) {
            // Never read an unreadable cursor as "no cursor": that would silently resync from the anchor.
            throw TogglSyncException.target(failure.target() + ": " + table + ": the state of " + connection + "/"
                    + stream + " cannot be read: " + e.getMessage()
                    + "; upgrade toggl-sync, or run `toggl-sync state reset --stream " + stream
                    + "` to start that stream again from its anchor", e);
        }
    }
}
