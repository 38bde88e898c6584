package dev.togglsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.Secret;
import dev.togglsync.http.ApiClient;
import dev.togglsync.http.HttpListener;
import dev.togglsync.http.HttpSettings;
import dev.togglsync.http.QuotaBucket;
import dev.togglsync.http.Request;
import dev.togglsync.http.RequestEvent;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The request timeout bounds the server's silence, not the time toggl-sync itself spends between
 * two reads of a body (a database that is slow to take a batch of rows): a body that arrived whole
 * must be read to its end however slowly it is consumed.
 */
class SlowConsumerIT {
    @Test
    void aBodyReadMoreSlowlyThanTheRequestTimeoutIsNotTakenForASilentServer() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withQuota(1_000_000).withTimeEntries(300, 0))) {
            Captured.secret("simulator token", sim.token());
            HttpSettings settings = new HttpSettings(URI.create(sim.baseUrl()), Secret.of(sim.token()), 1000,
                    Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofMillis(150), Clock.systemUTC(),
                    d -> {}, new HttpListener() {
                        // What the HTTP layer reports of each request and wait goes to the secret scan.
                        @Override
                        public void requestSent(RequestEvent event) {
                            Captured.add("http request", event.toString());
                        }

                        @Override
                        public void waiting(String reason, Duration duration) {
                            Captured.add("http wait", reason);
                        }
                    });
            AtomicInteger attempts = new AtomicInteger();
            try (ApiClient client = new ApiClient(settings)) {
                long bytes = client.execute(Request.get("/api/v9/me/time_entries", QuotaBucket.USER)
                        .with("since", sim.dataset().now().minus(Duration.ofDays(80)).getEpochSecond()), body -> {
                    attempts.incrementAndGet();
                    return consumeSlowly(body);
                });
                assertThat(bytes).isGreaterThan(64 * 1024);
            }
            assertThat(attempts).as("attempts").hasValue(1);
        }
    }

    /** Reads 16 KB, then pauses longer than the timeout (the consumer is busy), until the end. */
    private static long consumeSlowly(InputStream body) throws java.io.IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = body.readNBytes(buffer, 0, buffer.length)) > 0; ) {
            total += n;
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }
        return total;
    }
}
