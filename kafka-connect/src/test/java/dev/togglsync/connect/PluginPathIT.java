package dev.togglsync.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import dev.togglsync.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plugin as an operator installs it: the zip unpacked into a worker's
 * {@code plugin.path}, and a Connect worker in a child JVM whose classpath holds Kafka but none of
 * our classes, so the connector can only come from the plugin folder. The worker lists it and
 * runs it against the simulator.
 */
class PluginPathIT {
    @TempDir
    Path dir;

    @Test
    void aWorkerLoadsThePluginZipFromPluginPathAndRunsIt() throws Exception {
        Path zip;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            zip = files.filter(p -> p.getFileName().toString().matches("toggl-sync-kafka-connect-.*\\.zip")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/toggl-sync-kafka-connect-<version>.zip: run mvn package first"));
        }
        Path plugins = dir.resolve("plugins");
        unzip(zip, plugins);
        try (Stream<Path> libs = Files.walk(plugins)) {
            List<String> jars = libs.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
            assertThat(jars).anyMatch(n -> n.startsWith("toggl-sync-kafka-connect-")).anyMatch(n -> n.startsWith("toggl-source-"))
                    .anyMatch(n -> n.startsWith("jackson-databind-")).noneMatch(n -> n.startsWith("kafka-") || n.startsWith("connect-"));
        }

        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, new Properties());
        kafka.start();
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withTimeEntries(10, 0).withQuota(10_000))) {
            int port = freePort();
            Path props = dir.resolve("worker.properties");
            Files.writeString(props, String.join("\n",
                    "bootstrap.servers=" + kafka.bootstrapServers(), "group.id=plugin-path-it",
                    "config.storage.topic=pp-configs", "offset.storage.topic=pp-offsets", "status.storage.topic=pp-status",
                    "config.storage.replication.factor=1", "offset.storage.replication.factor=1", "status.storage.replication.factor=1",
                    "key.converter=org.apache.kafka.connect.json.JsonConverter", "value.converter=org.apache.kafka.connect.json.JsonConverter",
                    "listeners=http://127.0.0.1:" + port, "plugin.path=" + plugins, "plugin.discovery=service_load") + "\n");
            // Kafka and its test kit, but none of our modules: the connector can only come from plugin.path.
            String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(e -> !e.contains("/kafka-connect/target/") && !e.contains("/toggl-source/") && !e.contains("/simulator/"))
                    .collect(Collectors.joining(File.pathSeparator));
            try (ChildJvm worker = ChildJvm.of("org.apache.kafka.connect.cli.ConnectDistributed").withJvmOptions("-Xmx512m")
                    .withClasspath(classpath).start(props.toString())) {
                String base = "http://127.0.0.1:" + port;
                String listed = awaitGet(worker, base + "/connector-plugins", body -> body.contains(TogglSourceConnector.class.getName()));
                assertThat(listed).contains(TogglSourceConnector.class.getName());

                String config = "{\"connector.class\":\"" + TogglSourceConnector.class.getName() + "\",\"tasks.max\":\"1\","
                        + "\"topic.prefix\":\"plugin.\",\"streams\":\"me,workspaces\",\"toggl.accounts\":\"solo\","
                        + "\"toggl.account.solo.api_token\":\"" + simulator.token() + "\",\"toggl.account.solo.base_url\":\""
                        + simulator.baseUrl() + "\",\"topic.creation.default.replication.factor\":\"1\","
                        + "\"topic.creation.default.partitions\":\"1\"}";
                request("PUT", base + "/connectors/solo/config", config);
                ConsumerRecords<byte[], byte[]> records = kafka.consume(2, 60_000, "plugin.workspaces");
                assertThat(records.count()).isEqualTo(2);
                assertThat(request("GET", base + "/connectors/solo/status", null)).contains("\"state\":\"RUNNING\"");
            }
        } finally {
            kafka.stop();
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String awaitGet(ChildJvm worker, String url, Predicate<String> ok) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = request("GET", url, null);
                if (ok.test(last)) {
                    return last;
                }
            } catch (IOException notYet) {
                // the worker is still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("worker at " + url + " never answered as expected; last answer: " + last + "; log: "
                + (worker.out() + worker.err()).lines().filter(l -> l.contains("ERROR")).limit(5).toList());
    }

    private static String request(String method, String url, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (status >= 400) {
                throw new IOException(method + " " + url + ": HTTP " + status + " " + text);
            }
            return text;
        }
    }
}
