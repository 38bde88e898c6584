package dev.togglsync.bench;

import dev.togglsync.simulator.Dataset;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;

/**
 * bench/run.sh's history row (report_time_entries).
 *
 * <p>{@code simulator ROWS}: a simulator whose team account has about ROWS report rows over three
 * years (a tenth of them in the last 100 days, the rest spread over the 3 years before), every
 * member with entries, the Reports API's default limits (a year per request, pages of 1000), quotas
 * out of the way. Prints the simulator's {@code listening on} line, then
 * {@code history_start=YYYY-MM-DD report_rows=N} (the rows a run from that day must load), then
 * serves until killed.
 *
 * <p>{@code export DUCKDB_FILE TABLE OUT.json}: writes a DuckDB table as one JSON array, the input of
 * the read_json baseline for the same rows ({@link ReadJsonBaseline}).
 *
 * <p>Usage: {@code java -cp toggl-sync-app/target/test-classes:toggl-sync-app/target/toggl-sync.jar dev.togglsync.bench.HistoryBench ...}
 */
public final class HistoryBench {
    private static final int DAYS = 3 * 365;

    private HistoryBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("simulator")) {
            simulator(Integer.parseInt(args[1]));
        } else if (args.length == 4 && args[0].equals("export")) {
            export(Path.of(args[1]), args[2], Path.of(args[3]));
        } else {
            System.err.println("usage: HistoryBench simulator ROWS | export DUCKDB_FILE TABLE OUT.json");
            System.exit(2);
        }
    }

    private static void simulator(int rows) throws InterruptedException {
        int recent = rows / 10;
        SimulatorConfig config = SimulatorConfig.defaults().withQuota(10_000_000).withTimeEntries(recent, rows - recent)
                .withHistory(SimulatorConfig.History.DEFAULT.withTeam(true).withDays(DAYS));
        Simulator sim = Simulator.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "simulator-shutdown"));
        LocalDate start = LocalDate.ofInstant(Instant.now(), config.userTimeZone()).minusDays(100 + DAYS + 10);
        Instant from = start.atStartOfDay(config.userTimeZone()).toInstant();
        Instant to = Instant.now().plusSeconds(3 * 86_400);
        long reportRows = sim.dataset().reportRows(Dataset.PREMIUM_WORKSPACE_ID, from, to).count()
                + sim.dataset().reportRows(Dataset.FREE_WORKSPACE_ID, from, to).count();
        System.out.println(sim.listeningLine());
        System.out.println("history_start=" + start + " report_rows=" + reportRows);
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static void export(Path file, String table, Path out) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath()); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM " + table + ") TO '" + out.toAbsolutePath().toString().replace("'", "''")
                    + "' (FORMAT json, ARRAY true)");
        }
    }
}
