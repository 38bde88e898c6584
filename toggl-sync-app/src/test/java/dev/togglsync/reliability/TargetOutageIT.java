package dev.togglsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.ExitCode;
import dev.togglsync.config.Connection;
import dev.togglsync.engine.RunReport;
import dev.togglsync.engine.StreamReport;
import dev.togglsync.engine.StreamStatus;
import dev.togglsync.schema.TableSchema;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.state.StreamState;
import dev.togglsync.target.LoadRequest;
import dev.togglsync.target.StoredState;
import dev.togglsync.target.StreamLoad;
import dev.togglsync.target.Target;
import dev.togglsync.testing.PostgresServer;
import dev.togglsync.testing.TableDump;
import dev.togglsync.testing.TestTargets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL server goes away in the middle of a load: the run stops with exit 5 and a message
 * that says what to check, the table being loaded and every later one are exactly as before (no
 * half-written rows, no moved cursor), and once the server is back a rerun completes. The test
 * stops the shared server of this JVM, so it always starts it again.
 */
class TargetOutageIT {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void theServerStoppedMidLoadExitsFiveLeavesNothingHalfWrittenAndTheRerunCompletes() throws Exception {
        PostgresServer server = PostgresServer.shared();
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000).withTimeEntries(3000, 0))) {
            Connection target = TestTargets.POSTGRES.fresh(dir);
            Captured.secretsOf(target);
            assertThat(Sync.run(sim, target, Sync.noWaiting()).exitCode()).isEqualTo(ExitCode.SUCCESS);
            Mutations.apply(sim, new Random(11));
            Thread.sleep(5);
            Map<String, String> before = TableDump.tables(Sync.dump(target));
            List<StoredState> statesBefore = states(target);

            RunReport report;
            AtomicLong staged = new AtomicLong();
            try {
                // Stops the server once 100 projects (of a full refresh) are on their way to the staging table.
                report = Sync.runWrapped(Sync.source(sim, 1000, Duration.ofHours(1)), target, Sync.noWaiting(),
                        t -> new StopAfterRows(t, "projects", 100, staged, server::stop));
            } finally {
                server.start();
            }

            assertThat(staged.get()).as("rows staged before the stop").isGreaterThan(100);
            assertThat(report.exitCode()).as(report.toString()).isEqualTo(ExitCode.TARGET);
            assertThat(report.streams()).extracting(StreamReport::stream, StreamReport::status).startsWith(
                    org.assertj.core.groups.Tuple.tuple("me", StreamStatus.SUCCESS),
                    org.assertj.core.groups.Tuple.tuple("workspaces", StreamStatus.SUCCESS),
                    org.assertj.core.groups.Tuple.tuple("projects", StreamStatus.FAILED));
            String password = ((dev.togglsync.config.PostgresConnection) target).password().reveal();
            assertThat(report.streams().get(2).error().orElseThrow()).contains("toggl.projects").doesNotContain(password);
            assertThat(report.stoppedBy().orElseThrow().message()).contains("PostgreSQL server is running")
                    .doesNotContain(password);
            // projects and every later stream: tables and state exactly as before the run.
            Map<String, String> after = TableDump.tables(Sync.dump(target));
            List<StoredState> statesAfter = states(target);
            for (StreamReport s : report.streams().subList(2, report.streams().size())) {
                String table = Sync.SCHEMA + "." + s.stream();
                assertThat(after.get(table)).as(table + ": nothing half-written").isEqualTo(before.get(table));
                assertThat(statesAfter).filteredOn(st -> st.stream().equals(s.stream())).as(s.stream() + " state")
                        .isEqualTo(statesBefore.stream().filter(st -> st.stream().equals(s.stream())).toList());
            }

            assertThat(Sync.run(sim, target, Sync.noWaiting()).exitCode()).isEqualTo(ExitCode.SUCCESS);
            Truth.Verdict verdict = Truth.check(sim, target);
            assertThat(verdict.exact()).as(verdict.toString()).isTrue();
        }
    }

    @Test
    void theServerDownAtTheStartExitsFiveBeforeReadingAnythingAndSaysWhatToCheck() throws Exception {
        PostgresServer server = PostgresServer.shared();
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000).withTimeEntries(50, 0))) {
            Connection target = TestTargets.POSTGRES.fresh(dir);
            Captured.secretsOf(target);
            RunReport report;
            server.stop();
            try {
                report = Sync.run(sim, target, Sync.noWaiting());
            } finally {
                server.start();
            }
            assertThat(report.exitCode()).isEqualTo(ExitCode.TARGET);
            assertThat(report.stoppedBy().orElseThrow().message()).contains("cannot connect")
                    .contains("check that the PostgreSQL server is running and reachable");
            assertThat(sim.requests()).as("nothing read from Toggl").isEmpty();
            assertThat(Sync.run(sim, target, Sync.noWaiting()).exitCode()).isEqualTo(ExitCode.SUCCESS);
        }
    }

    private static List<StoredState> states(Connection target) {
        try (Target t = dev.togglsync.engine.Targets.open(target, Clock.systemUTC())) {
            return t.states();
        }
    }

    /** Passes everything on; once {@code stream} has staged {@code limit} rows, runs {@code action}. */
    private static final class StopAfterRows implements Target {
        private final Target target;
        private final String stream;
        private final long limit;
        private final AtomicLong staged;
        private final Runnable action;

        StopAfterRows(Target target, String stream, long limit, AtomicLong staged, Runnable action) {
            this.target = target;
            this.stream = stream;
            this.limit = limit;
            this.staged = staged;
            this.action = action;
        }

        @Override
        public StreamLoad begin(LoadRequest request) {
            StreamLoad load = target.begin(request);
            if (!request.stream().equals(stream)) {
                return load;
            }
            return new StreamLoad() {
                @Override
                public void schemaChanged(TableSchema schema) {
                    load.schemaChanged(schema);
                }

                @Override
                public void accept(Object[] row) {
                    load.accept(row);
                    if (staged.incrementAndGet() == limit) {
                        action.run();
                    }
                }

                @Override
                public void commit(StreamState state, java.util.List<dev.togglsync.schema.Rescan> rescans) {
                    load.commit(state, rescans);
                }

                @Override
                public long rows() {
                    return load.rows();
                }

                @Override
                public void close() {
                    load.close();
                }
            };
        }

        @Override
        public Optional<StreamState> state(String connection, String s) {
            return target.state(connection, s);
        }

        @Override
        public List<StoredState> states() {
            return target.states();
        }

        @Override
        public boolean resetState(String connection, String s) {
            return target.resetState(connection, s);
        }

        @Override
        public dev.togglsync.target.WriteProbe checkWritable(String schema) {
            return target.checkWritable(schema);
        }

        @Override
        public String describe() {
            return target.describe();
        }

        @Override
        public void close() {
            target.close();
        }
    }
}
