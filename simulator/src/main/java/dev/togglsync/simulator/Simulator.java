package dev.togglsync.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local fake of the Toggl Track API (v9 + Reports v3) on 127.0.0.1, for the demo, tests and
 * benchmarks. It serves a seeded dataset with Toggl's shapes and quirks, enforces auth and
 * quotas, injects faults on request, and records every request.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withQuota(10_000))) {
 *     // point the client at sim.baseUrl() with sim.token()
 *     sim.faults().add(FaultRule.on("/api/v9/me/time_entries", Fault.serviceUnavailable()));
 *     sim.dataset().deleteTimeEntry(id);
 *     assertThat(sim.requests()).extracting(RecordedRequest::path).contains("/api/v9/me");
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {
    static {
        // The JDK server writes the status line and a small body in two TCP segments; with Nagle's
        // algorithm on, the second waits for the client's delayed ACK, about 40 ms per response
        // (measured: 44 ms per GET /me, 2.4 ms with TCP_NODELAY). The property is read once, when
        // the JDK's server configuration is first loaded, so it is set before any server exists.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimulatorConfig config;
    private final Dataset dataset;
    private final QuotaBuckets quota;
    private final FaultRules faults = new FaultRules();
    private final RequestLog log = new RequestLog();
    private final HttpServer server;
    private final ExecutorService executor;

    private Simulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.dataset = new Dataset(config);
        Map<Long, Integer> organizations = new LinkedHashMap<>();
        organizations.put(Dataset.PREMIUM_ORGANIZATION_ID, config.premiumOrganizationQuotaPerHour());
        organizations.put(Dataset.FREE_ORGANIZATION_ID, config.freeOrganizationQuotaPerHour());
        this.quota = new QuotaBuckets(config.clock(), config.quotaWindow(), config.userQuotaPerHour(), organizations);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 64);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", new Pipeline(config, dataset, quota, faults, log));
        server.start();
    }

    /** Generates the dataset and starts serving; fails if the port is taken. */
    public static Simulator start(SimulatorConfig config) {
        try {
            return new Simulator(config);
        } catch (IOException e) {
            throw new UncheckedIOException("simulator: cannot listen on 127.0.0.1:" + config.port()
                    + " (" + e.getMessage() + "); choose another port or 0 for a free one", e);
        }
    }

    public static Simulator start() {
        return start(SimulatorConfig.defaults());
    }

    /** {@code http://127.0.0.1:PORT}: the {@code base_url} to give a client. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String token() {
        return config.token();
    }

    /** The {@code Authorization} header value the simulator accepts. */
    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((config.token() + ":api_token").getBytes(StandardCharsets.UTF_8));
    }

    public SimulatorConfig config() {
        return config;
    }

    /** Ground truth and mutation hooks. */
    public Dataset dataset() {
        return dataset;
    }

    public FaultRules faults() {
        return faults;
    }

    public QuotaBuckets quota() {
        return quota;
    }

    /**
     * Requests answered so far, oldest first (at most the last 100,000). Requests still being
     * handled are waited for (at most 2 s), so the one a client has just been answered is in.
     */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    public void clearRequests() {
        log.clear();
    }

    /** The line the CLI prints first (DESIGN.md §1). */
    public String listeningLine() {
        return "simulator listening on " + baseUrl() + " token=" + token();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "toggl-simulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
