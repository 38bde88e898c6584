package dev.togglsync.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.togglsync.simulator.Account.Workspace;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Every request takes the same path, in the order a real deployment would apply it: injected
 * fault (the load balancer) → authentication → route → burst limit → hourly quota → feature and
 * access gates → the endpoint's handler. The request is logged whatever happened.
 */
final class Pipeline implements HttpHandler {
    private static final System.Logger LOG = System.getLogger("dev.togglsync.simulator");
    static final String QUOTA_MESSAGE = "You have hit your hourly limit for API calls. The quota resets in %d seconds.";
    static final String FEATURE_MESSAGE = "Workspace needs to have this feature enabled";
    static final String NO_ACCESS_MESSAGE = "User does not have access to this resource.";

    private final SimulatorConfig config;
    private final Clock clock;
    private final Dataset dataset;
    private final QuotaBuckets quota;
    private final LeakyBucket burst;
    private final FaultRules faults;
    private final RequestLog log;
    private final MeHandlers me;
    private final WorkspaceHandlers workspaces;
    private final TimeEntriesHandler timeEntries;
    private final ReportsHandler reports;
    private final OrganizationHandlers organizations;

    Pipeline(SimulatorConfig config, Dataset dataset, QuotaBuckets quota, FaultRules faults, RequestLog log) {
        this.config = config;
        this.clock = config.clock();
        this.dataset = dataset;
        this.quota = quota;
        this.burst = new LeakyBucket(clock, config.burstRequestsPerSecond(), config.burstCapacity());
        this.faults = faults;
        this.log = log;
        this.me = new MeHandlers(dataset, quota);
        this.workspaces = new WorkspaceHandlers(dataset);
        this.timeEntries = new TimeEntriesHandler(dataset);
        this.reports = new ReportsHandler(dataset);
        this.organizations = new OrganizationHandlers(dataset);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long order = log.started();
        try {
            handleLogged(exchange, order);
        } finally {
            log.finished();
        }
    }

    private void handleLogged(HttpExchange exchange, long order) throws IOException {
        Instant arrival = clock.instant();
        Call call = new Call(exchange);
        Fault fault = faults.pick(call.method, call.path).orElse(null);
        boolean reset = false;
        try {
            serve(call, fault);
        } catch (ResponseStream.Cut e) {
            // The truncated body is already on its way; the exchange ends normally below.
        } catch (IOException e) {
            // A reset fault, or the client went away: the server closes the connection.
            reset = true;
            throw e;
        } catch (RuntimeException e) {
            ApiError answer = e instanceof ApiError a ? a : new ApiError(500, "Internal Server Error");
            if (!(e instanceof ApiError)) {
                LOG.log(Level.WARNING, "simulator: " + call.method + " " + call.path + " failed", e);
            }
            if (call.headersSent()) {
                // Ending a half-sent body cleanly would hand the client valid-looking truncated JSON.
                reset = true;
                throw new IOException("simulator: " + call.method + " " + call.path + " failed mid-response", e);
            }
            call.error(answer.status(), answer.getMessage());
        } finally {
            if (!reset) {
                exchange.close();
            }
            RecordedRequest r = new RecordedRequest(arrival, call.method, call.path, call.rawQuery, call.status,
                    call.route == null ? null : call.route.endpoint(), Optional.ofNullable(call.header("User-Agent")).orElse(""),
                    call.body(), fault);
            log.add(order, r);
            config.requestListener().accept(r);
        }
    }

    private void serve(Call call, Fault fault) throws IOException {
        if (fault instanceof Fault.Respond r) {
            if (r.retryAfter() != null) {
                call.setHeader("Retry-After", r.retryAfter());
            }
            call.raw(r.status(), r.contentType(), r.bytes());
            return;
        }
        if (fault instanceof Fault.RespondBytes r) {
            call.raw(r.status(), r.contentType(), r.body());
            return;
        }
        if (fault instanceof Fault.Slow s) {
            sleep(s);
        }
        if (fault instanceof Fault.Truncated || fault instanceof Fault.Reset) {
            call.bodyFault = fault;
        }
        String authorization = call.header("Authorization");
        if (authorization == null) {
            // Observed: 401, empty body, X-Authorization-Missing (get_me_401_no_auth.json).
            call.setHeader("X-Authorization-Missing", "true");
            call.empty(401);
            return;
        }
        if (!authorized(authorization)) {
            call.error(403, "Incorrect username and/or password");
            return;
        }
        Object match = Router.match(call.method, call.path);
        if (match instanceof Router.Miss miss) {
            quotaHeaders(call, quota.peek(null));
            if (miss.status() == 404) {
                call.raw(404, "text/plain; charset=utf-8", "404 page not found".getBytes(StandardCharsets.UTF_8));
            } else {
                call.error(405, "Method Not Allowed");
            }
            return;
        }
        Router.Route route = (Router.Route) match;
        call.route = route;
        Endpoint endpoint = route.endpoint();
        Long organization = null;
        if (endpoint.workspaceScoped()) {
            Optional<Workspace> w = dataset.catalog().workspace(route.workspaceId());
            if (w.isEmpty()) {
                quotaHeaders(call, quota.peek(null));
                call.error(403, endpoint == Endpoint.REPORTS_TIME_ENTRIES ? "Workspace not found/accessible" : NO_ACCESS_MESSAGE);
                return;
            }
            organization = w.get().organizationId();
        } else if (endpoint.organizationScoped()) {
            long oid = route.id();
            if (dataset.catalog().organizations().stream().noneMatch(o -> o.id() == oid)) {
                quotaHeaders(call, quota.peek(null));
                call.error(404, "Organization not found");
                return;
            }
            organization = oid;
        }
        if (!burst.admit()) {
            quotaHeaders(call, quota.peek(organization));
            call.error(429, "Too Many Requests");
            return;
        }
        // Asking how much quota is left must not use it up, or a client could never learn when to resume.
        QuotaBuckets.Status status = endpoint == Endpoint.QUOTA ? quota.peek(null) : quota.consume(organization);
        if (status == null) {
            QuotaBuckets.Status empty = quota.peek(organization);
            quotaHeaders(call, empty);
            call.error(402, String.format(QUOTA_MESSAGE, empty.resetsInSeconds()));
            return;
        }
        quotaHeaders(call, status);
        if (endpoint.workspaceScoped() || endpoint.organizationScoped()) {
            SimulatorConfig.Gate gate = new SimulatorConfig.Gate(endpoint,
                    endpoint.workspaceScoped() ? route.workspaceId() : route.id());
            if (config.featureRequired().contains(gate)) {
                call.error(402, FEATURE_MESSAGE);
                return;
            }
            if (config.accessDenied().contains(gate)) {
                call.error(403, NO_ACCESS_MESSAGE);
                return;
            }
        }
        dispatch(call, route);
    }

    private void dispatch(Call call, Router.Route route) throws IOException {
        switch (route.endpoint()) {
            case ME -> me.me(call);
            case WORKSPACES -> me.workspaces(call);
            case ORGANIZATIONS -> me.organizations(call);
            case QUOTA -> me.quota(call);
            case TIME_ENTRIES -> timeEntries.list(call);
            case CURRENT_TIME_ENTRY -> timeEntries.current(call);
            case TIME_ENTRY -> timeEntries.one(call, route.id());
            case PROJECTS -> workspaces.projects(call, route.workspaceId());
            case CLIENTS -> workspaces.clients(call, route.workspaceId());
            case TAGS -> workspaces.tags(call, route.workspaceId());
            case TASKS -> workspaces.tasks(call, route.workspaceId());
            case WORKSPACE_USERS -> workspaces.workspaceUsers(call, route.workspaceId());
            case PROJECT_USERS -> organizations.projectUsers(call, route.workspaceId());
            case ORGANIZATION_USERS -> organizations.users(call, route.id());
            case GROUPS -> organizations.groups(call, route.id());
            case REPORTS_TIME_ENTRIES -> reports.search(call, route.workspaceId());
        }
    }

    private boolean authorized(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return decoded.equals(config.token() + ":api_token");
    }

    private static void quotaHeaders(Call call, QuotaBuckets.Status s) {
        call.setHeader("X-Toggl-Quota-Remaining", Integer.toString(s.remaining()));
        call.setHeader("X-Toggl-Quota-Resets-In", Long.toString(s.resetsInSeconds()));
    }


    private static void sleep(Fault.Slow s) throws IOException {
        try {
            Thread.sleep(s.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("simulator: interrupted while delaying a response", e);
        }
    }
}
