package dev.togglsync.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
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

    /** Upper bound of {@code --accounts}: each account holds its own dataset in memory. */
    public static final int MAX_ACCOUNTS = 10_000;

    private final SimulatorConfig config;
    private final List<SimulatedAccount> accounts;
    private final SimulatedAccount primary;
    private final HttpServer server;
    private final ExecutorService executor;

    private Simulator(SimulatorConfig config, int accountCount) throws IOException {
        this.config = config;
        List<SimulatedAccount> all = new ArrayList<>(accountCount);
        for (int i = 0; i < accountCount; i++) {
            all.add(new SimulatedAccount(i, SimulatedAccount.derive(config, i)));
        }
        this.accounts = List.copyOf(all);
        this.primary = accounts.get(0);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 64);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", accountCount == 1 ? primary.pipeline : new ByToken(accounts));
        server.start();
    }

    /** Generates the dataset and starts serving; fails if the port is taken. */
    public static Simulator start(SimulatorConfig config) {
        return start(config, 1);
    }

    /**
     * Serves {@code accounts} accounts on one port, each with its own token, dataset and quotas
     * (see {@link SimulatedAccount}); a request goes to the account whose token it carries.
     */
    public static Simulator start(SimulatorConfig config, int accounts) {
        if (accounts < 1 || accounts > MAX_ACCOUNTS) {
            throw new IllegalArgumentException("simulator: accounts must be 1.." + MAX_ACCOUNTS + ", got " + accounts);
        }
        try {
            return new Simulator(config, accounts);
        } catch (IOException e) {
            throw new UncheckedIOException("simulator: cannot listen on 127.0.0.1:" + config.port()
                    + " (" + e.getMessage() + "); choose another port or 0 for a free one", e);
        }
    }

    /** Every account, account 0 (the configured token) first. */
    public List<SimulatedAccount> accounts() {
        return accounts;
    }

    public SimulatedAccount account(int index) {
        return accounts.get(index);
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

    /** Account 0's token. */
    public String token() {
        return config.token();
    }

    /** The {@code Authorization} header value account 0 accepts. */
    public String authorizationHeader() {
        return primary.authorizationHeader();
    }

    public SimulatorConfig config() {
        return config;
    }

    /** Ground truth and mutation hooks of account 0. */
    public Dataset dataset() {
        return primary.dataset();
    }

    public FaultRules faults() {
        return primary.faults();
    }

    public QuotaBuckets quota() {
        return primary.quota();
    }

    /**
     * Requests answered so far, oldest first (at most the last 100,000). Requests still being
     * handled are waited for (at most 2 s), so the one a client has just been answered is in.
     */
    public List<RecordedRequest> requests() {
        return primary.requests();
    }

    public void clearRequests() {
        primary.clearRequests();
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

    /**
     * Routes a request to the account whose token it carries. A request with no or an unknown
     * token goes to account 0, whose pipeline answers it as Toggl would (401 or 403) and logs it.
     */
    private static final class ByToken implements HttpHandler {
        private final Map<String, SimulatedAccount> byAuthorization = new HashMap<>();
        private final SimulatedAccount fallback;

        ByToken(List<SimulatedAccount> accounts) {
            accounts.forEach(a -> byAuthorization.put(a.authorizationHeader(), a));
            this.fallback = accounts.get(0);
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            SimulatedAccount account = authorization == null ? null : byAuthorization.get(authorization.trim());
            (account == null ? fallback : account).pipeline.handle(exchange);
        }
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
