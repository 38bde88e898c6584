package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.togglsync.testing.ChildJvm;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * toggl-api.md §4.9.1 at scale: a simulator in a child JVM capped at 256 MB of heap serves a
 * million time entries from one /me/time_entries response, streamed, and the count is right.
 */
class StreamingHeapIT {
    static final int ENTRIES = 1_000_000;

    @Test
    void servesAMillionEntriesWithin256MbOfHeap(@TempDir Path tmp) throws Exception {
        Path gcLog = tmp.resolve("gc.log");
        try (ChildJvm child = SimulatorCommandIT.start(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog),
                "simulator", "--time-entries", Integer.toString(ENTRIES), "--quiet")) {
            Matcher listening = SimulatorCommandIT.awaitListening(child);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            HttpRequest request = HttpRequest.newBuilder(URI.create(listening.group(1) + "/api/v9/me/time_entries?start_date="
                            + today.minusDays(89) + "&end_date=" + today.plusDays(2)))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (listening.group(3) + ":api_token").getBytes(StandardCharsets.UTF_8)))
                    .build();
            long started = System.nanoTime();
            HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Length")).as("streamed, not buffered").isEmpty();
            long[] countAndBytes = count(response.body());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(child.isAlive()).as("simulator survived; stderr:\n" + child.err()).isTrue();
            assertThat(countAndBytes[0]).isEqualTo(expectedUndeleted());
            long[] heap = heapMb(gcLog);
            System.out.printf("simulator: %,d entries (%,d MB of JSON) streamed in %.1f s; child heap (-Xmx256m) at most"
                    + " %d MB before a GC, %d MB live after one%n",
                    countAndBytes[0], countAndBytes[1] >> 20, took.toMillis() / 1000.0, heap[0], heap[1]);
            assertThat(heap[2]).as("GC log lines read from " + gcLog).isPositive();
            assertThat(heap[1]).as("live heap after GC while serving (MB): nothing accumulates").isLessThan(64);
        }
    }

    /** Counts the top-level objects of the array as they stream past; nothing is kept. */
    private static long[] count(InputStream body) throws Exception {
        long n = 0;
        try (InputStream in = body; JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new AssertionError("not an array");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                p.skipChildren();
                n++;
            }
            return new long[] {n, p.currentLocation().getByteOffset()};
        }
    }

    /** Deletion depends on (seed, index) only, so the child's count can be computed here. */
    private static long expectedUndeleted() {
        SimulatorConfig config = SimulatorConfig.defaults().withTimeEntries(ENTRIES, 0);
        return new Dataset(config).timeEntries().filter(e -> !e.deleted()).count();
    }

    /** {max before GC, max after GC, GC lines} in MB from a -Xlog:gc file ("Pause Young ... 25M->3M(256M)"). */
    private static long[] heapMb(Path gcLog) throws Exception {
        Pattern used = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");
        long[] result = new long[3];
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = used.matcher(line);
                if (m.find()) {
                    result[0] = Math.max(result[0], Long.parseLong(m.group(1)));
                    result[1] = Math.max(result[1], Long.parseLong(m.group(2)));
                    result[2]++;
                }
            }
        }
        return result;
    }
}
