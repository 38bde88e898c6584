package dev.togglsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.togglsync.ExitCode;
import dev.togglsync.Secret;
import dev.togglsync.config.Connection;
import dev.togglsync.config.FileConnection;
import dev.togglsync.config.Replication;
import dev.togglsync.config.ReplicationPlan;
import dev.togglsync.config.SqliteConnection;
import dev.togglsync.config.TogglConnection;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.GroundTruth;
import dev.togglsync.testing.TestTargets;
import dev.togglsync.toggl.SourceOptions;
import dev.togglsync.toggl.TogglStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The new targets end to end against the simulator: the four Sling examples into SQLite and into a
 * folder of files with only {@code target:} changed, and every stream in each file format read
 * back by DuckDB equal to the ground truth, value by declared type.
 */
class FilesAndSqliteIT {
    private static final String CONNECTION = "TOGGL_TRACK";
    private static final List<String> EXAMPLES = List.of("all-with-incremental-time-entries.yaml", "sync-all.yaml",
            "track-time-entries.yaml", "export-projects-clients.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Simulator sim;

    @BeforeEach
    void startSimulator() {
        sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000));
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @Test
    void theFourExamplesRunUnchangedIntoSqlite() throws Exception {
        for (String example : EXAMPLES) {
            Connection target = new SqliteConnection("LITE", dir.resolve(example + ".db"));
            ReplicationPlan plan = example(example);
            RunReport report = run(plan, target);
            assertThat(report.exitCode()).as(example).isEqualTo(ExitCode.SUCCESS);
            for (var stream : plan.streams()) {
                StreamSpec spec = stream.spec();
                if (!comparable(stream)) {
                    continue;
                }
                Map<Long, Map<String, Object>> actual = read(TestTargets.open(target),
                        "SELECT * FROM " + TestTargets.table(target, "toggl", spec.name()), spec);
                assertThat(actual).as(example + ": " + spec.name()).isEqualTo(truth(spec));
            }
        }
    }

    @Test
    void theFourExamplesRunUnchangedIntoAFolderAsParquet() throws Exception {
        for (String example : EXAMPLES) {
            Path folder = dir.resolve(example);
            ReplicationPlan plan = example(example);
            RunReport report = run(plan, new FileConnection("FILES", folder));
            assertThat(report.exitCode()).as(example).isEqualTo(ExitCode.SUCCESS);
            for (var stream : plan.streams()) {
                StreamSpec spec = stream.spec();
                if (!comparable(stream)) {
                    continue;
                }
                String file = stream.mode().yamlName().equals("incremental")
                        ? folder.resolve("toggl/" + spec.name()) + "/part-*.parquet"
                        : folder.resolve("toggl/" + spec.name() + ".parquet").toString();
                assertThat(readFile("read_parquet('" + file + "')", spec)).as(example + ": " + spec.name())
                        .isEqualTo(truth(spec));
            }
            assertThat(folder.resolve("_toggl_sync_state.json")).exists();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "csv", "jsonl"})
    void everyStreamInEachFormatReadsBackAsTheGroundTruth(String extension) throws Exception {
        Path folder = dir.resolve(extension);
        ReplicationPlan plan = Replication.parse("replication.yaml", "source: TOGGL_TRACK\ntarget: FILES\n"
                + "defaults:\n  mode: full-refresh\n  object: '{stream_name}." + extension + "'\nstreams:\n  '*':\n"
                + "  time_entries:\n    mode: incremental\n",
                Clock.systemUTC());
        assertThat(run(plan, new FileConnection("FILES", folder)).exitCode()).isEqualTo(ExitCode.SUCCESS);
        for (var stream : plan.streams()) {
            StreamSpec spec = stream.spec();
            String file = "'" + (spec.name().equals("time_entries") ? folder.resolve(spec.name()) + "/part-*." + extension
                    : folder.resolve(spec.name() + "." + extension).toString()) + "'";
            // Part files (time entries, incremental) end with the load time.
            String columns = TestTargets.duckDbColumns(spec.schema()).replaceFirst("}$", spec.name().equals("time_entries")
                    ? ", '_toggl_sync_loaded_at': 'TIMESTAMPTZ'}" : "}");
            String reader = switch (extension) {
                case "parquet" -> "read_parquet(" + file + ")";
                case "csv" -> "read_csv(" + file + ", header = true, columns = " + columns + ")";
                default -> "read_json(" + file + ", format = 'newline_delimited', columns = " + columns + ")";
            };
            assertThat(readFile(reader, spec)).as(extension + ": " + spec.name()).isEqualTo(truth(spec));
        }
    }

    // --- helpers

    /**
     * Whether the ground truth below describes the stream's rows: every stream, except time entries
     * in full-refresh (a window of start dates, deletes absent) rather than incremental (every change
     * since the anchor, deletes kept), which ReplicationIT compares.
     */
    private static boolean comparable(dev.togglsync.config.PlannedStream stream) {
        return !(stream.spec().name().equals("time_entries") && stream.mode() != dev.togglsync.config.Mode.INCREMENTAL);
    }

    private RunReport run(ReplicationPlan plan, Connection target) {
        TogglConnection source = new TogglConnection(CONNECTION, Secret.of(sim.token()), Optional.empty(),
                URI.create(sim.baseUrl()), 1000.0, Duration.ofHours(1), List.of());
        return Engine.run(source, target, RunPlanner.plan(plan), SourceOptions.defaults().withSleeper(d -> {}),
                RunListener.NONE);
    }

    private static ReplicationPlan example(String name) throws Exception {
        Path file = Path.of(Objects.requireNonNull(FilesAndSqliteIT.class.getResource("/replication/" + name)).toURI());
        return Replication.load(file, Clock.systemUTC());
    }

    /** What a complete sync holds for {@code spec} (time entries: every change of the last 89 days). */
    private Map<Long, Map<String, Object>> truth(StreamSpec spec) {
        var d = sim.dataset();
        List<ObjectNode> records = GroundTruth.records(d, TogglStream.of(spec),
                () -> d.timeEntriesModifiedSince(d.now().minus(Duration.ofDays(89))).toList());
        Map<Long, Map<String, Object>> byId = new HashMap<>();
        for (ObjectNode r : records) {
            Map<String, Object> m = GroundTruth.typed(r, spec.schema());
            for (Column c : spec.schema().columns()) {
                Object v = m.get(c.name());
                if (v instanceof Instant t) {
                    m.put(c.name(), t.truncatedTo(ChronoUnit.MICROS));
                } else if (v != null && c.type() == ColumnType.JSON) {
                    m.put(c.name(), tree((String) v));
                }
            }
            byId.put(r.get("id").asLong(), m);
        }
        return byId;
    }


    private static Map<Long, Map<String, Object>> readFile(String reader, StreamSpec spec) throws SQLException {
        java.sql.Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        }
        String select = spec.schema().columns().stream().map(c -> c.type() == ColumnType.JSON
                ? "CAST(\"" + c.name() + "\" AS VARCHAR) AS \"" + c.name() + "\"" : "\"" + c.name() + "\"")
                .collect(Collectors.joining(", "));
        return read(duck, "SELECT " + select + " FROM " + reader, spec);
    }

    /** Rows by id as typed Java values, whatever the database's own representation. */
    private static Map<Long, Map<String, Object>> read(java.sql.Connection db, String sql, StreamSpec spec)
            throws SQLException {
        Map<Long, Map<String, Object>> rows = new HashMap<>();
        try (db; Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Column c : spec.schema().columns()) {
                    Object raw = r.getObject(c.name());
                    m.put(c.name(), raw == null ? null : switch (c.type()) {
                        case BIGINT -> ((Number) raw).longValue();
                        case DOUBLE -> ((Number) raw).doubleValue();
                        case BOOLEAN -> raw instanceof Boolean b ? b : ((Number) raw).intValue() != 0;
                        case TEXT -> raw.toString();
                        case TIMESTAMPTZ -> raw instanceof String text ? Instant.parse(text)
                                : r.getObject(c.name(), OffsetDateTime.class).toInstant();
                        case DATE -> raw instanceof String text ? LocalDate.parse(text) : r.getObject(c.name(), LocalDate.class);
                        case JSON -> tree(raw.toString());
                    });
                }
                Long id = (Long) m.get("id");
                assertThat(rows.put(id, m)).as("duplicate id " + id).isNull();
            }
        }
        return rows;
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }
}
