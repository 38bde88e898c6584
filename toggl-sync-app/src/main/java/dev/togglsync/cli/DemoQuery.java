package dev.togglsync.cli;

import dev.togglsync.TogglSyncException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The demo's sample query, run on the file the demo just wrote: what a user would ask first of
 * their own data. The SQL is printed too, so it can be pasted into the duckdb shell.
 */
final class DemoQuery {
    /** Running entries count up to now; deleted ones (kept as rows with server_deleted_at) do not count. */
    static final String SQL = """
            SELECT coalesce(p.name, '(no project)') AS project,
                   round(sum(date_diff('second', t.start, coalesce(t.stop, now()))) / 3600.0, 1) AS hours
            FROM time_entries t
            LEFT JOIN projects p ON p.id = t.project_id
            WHERE t.server_deleted_at IS NULL AND t.start >= now() - INTERVAL 7 DAY
            GROUP BY 1
            ORDER BY hours DESC, project
            LIMIT 10""";

    private DemoQuery() {}

    /** Time entries changed after {@code cursor}: what an incremental run found, without the overlap it re-read. */
    static long changedSince(Path file, Instant cursor) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
                PreparedStatement p = c.prepareStatement("SELECT count(*) FROM time_entries WHERE \"at\" > ?")) {
            p.setObject(1, OffsetDateTime.ofInstant(cursor, ZoneOffset.UTC));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw failed(file, e);
        }
    }

    private static TogglSyncException failed(Path file, SQLException e) {
        return TogglSyncException.target("duckdb://" + file + ": the sample query failed: "
                + e.getMessage().strip().replaceAll("\\s*\\R\\s*", " "), e);
    }

    static void print(Path file, PrintWriter out) {
        TextTable table = new TextTable("PROJECT", "HOURS");
        int rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(SQL)) {
            while (r.next()) {
                table.row(r.getString(1), String.format(Locale.ROOT, "%.1f", r.getDouble(2)));
                rows++;
            }
        } catch (SQLException e) {
            throw failed(file, e);
        }
        out.println("Hours per project, last 7 days (top 10):");
        out.println();
        for (String line : SQL.split("\n")) {
            out.println("  " + line);
        }
        out.println();
        if (rows == 0) {
            out.println("(no time tracked in the last 7 days)");
            out.flush();
        } else {
            table.print(out);
        }
    }
}
