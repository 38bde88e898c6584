package dev.togglsync.toggl;

import dev.togglsync.Secret;

import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Run by {@link StreamingIT} in a JVM with a small heap: one time_entries response far larger
 * than the heap, read through the real source. Prints "expected=E rows=N records=N requests=1 maxHeapMiB=M seconds=S".
 */
public final class SmallHeapRead {
    private SmallHeapRead() {}

    public static void main(String[] args) {
        int entries = Integer.parseInt(args[0]);
        long start = System.nanoTime();
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withQuota(1000).withTimeEntries(entries, 0));
                TogglSource source = new TogglSource(new TogglAccount("T", Secret.of(sim.token()), Optional.empty(),
                        URI.create(sim.baseUrl()), 1000, Duration.ofHours(1), List.of()), SourceOptions.defaults())) {
            long[] rows = {0};
            StreamResult r = source.read(TogglStream.TIME_ENTRIES.spec(), ReadRequest.fullRefresh(), new RowSink() {
                @Override
                public void schemaChanged(TableSchema schema) {}

                @Override
                public void accept(Object[] row) {
                    rows[0]++;
                }
            });
            long expected = sim.dataset().timeEntries().filter(e -> !e.deleted()).count();
            System.out.println("expected=" + expected + " rows=" + rows[0] + " records=" + r.records() + " requests=" + r.requests()
                    + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " seconds=" + (System.nanoTime() - start) / 1_000_000_000.0);
        }
    }
}
