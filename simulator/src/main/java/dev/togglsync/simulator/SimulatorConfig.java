package dev.togglsync.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything that shapes a simulator: the seeded dataset's sizes, the clock, and the API's limits.
 * Start from {@link #defaults()} and change what a test needs with the {@code with...} methods;
 * the dataset is deterministic for a given seed, sizes and start instant (use a {@link ManualClock}
 * for fully fixed timestamps).
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param token the only API token accepted (Basic {@code token:api_token})
 * @param seed seeds every generated name, date and attribute
 * @param timeEntries entries spread over the last 85 days (the running one included)
 * @param olderTimeEntries entries 100 to 465 days old: only Reports v3 reaches them
 * @param runningEntry whether the newest entry is running (stop null, negative duration)
 * @param userTimeZone the user's profile time zone; date-only query parameters are read in it
 * @param clock the simulator's "now": dataset anchor, mutation {@code at}, quota windows, burst limit
 * @param userQuotaPerHour requests per window in the user bucket ({@code /me...})
 * @param freeOrganizationQuotaPerHour requests per window per Free organization (workspace and reports paths)
 * @param premiumOrganizationQuotaPerHour the same for the Premium organization
 * @param quotaWindow length of a quota window; it starts at the first request that counts
 * @param burstRequestsPerSecond leaky-bucket drain rate; 0 turns the 429 burst limit off
 * @param burstCapacity requests the leaky bucket holds before it answers 429
 * @param timeEntriesResultCap at most this many entries per {@code /me/time_entries} response
 *     (older API versions capped at 1000); 0 = no cap
 * @param lookbackDays how many days before today (user's zone) {@code start_date} and {@code since} may reach
 * @param featureRequired (endpoint, workspace) pairs answered with the feature 402
 * @param accessDenied (endpoint, workspace) pairs answered with 403
 * @param requestListener told about every request after it was answered (the CLI prints them)
 * @param history how far back the older entries reach, whether the team has entries, and the Reports
 *     API's limits ({@link History})
 */
public record SimulatorConfig(
        int port,
        String token,
        long seed,
        int timeEntries,
        int olderTimeEntries,
        boolean runningEntry,
        ZoneId userTimeZone,
        Clock clock,
        int userQuotaPerHour,
        int freeOrganizationQuotaPerHour,
        int premiumOrganizationQuotaPerHour,
        Duration quotaWindow,
        double burstRequestsPerSecond,
        int burstCapacity,
        int timeEntriesResultCap,
        int lookbackDays,
        Set<Gate> featureRequired,
        Set<Gate> accessDenied,
        Consumer<RecordedRequest> requestListener,
        History history) {

    public static final String DEFAULT_TOKEN = "5151a7051a70c0de5151a7051a70c0de";
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_TIME_ENTRIES = 2_000;
    public static final int DEFAULT_OLDER_TIME_ENTRIES = 500;
    /** Toggl's quotas since Sept 2025 (toggl-api.md §3.2): 30/h for /me, 30/h Free, 600/h Premium. */
    public static final int DEFAULT_USER_QUOTA = 30;
    public static final int DEFAULT_FREE_ORGANIZATION_QUOTA = 30;
    public static final int DEFAULT_PREMIUM_ORGANIZATION_QUOTA = 600;
    public static final Duration DEFAULT_QUOTA_WINDOW = Duration.ofHours(1);
    /** start_date earlier than today − 90 days is refused (toggl-api.md §4.9.1, measured 2026-09-03). */
    public static final int DEFAULT_LOOKBACK_DAYS = 90;
    public static final int MAX_TIME_ENTRIES = 20_000_000;

    /**
     * The team and its history, as Reports v3 sees it (DESIGN.md §4, report_time_entries).
     *
     * @param days the older entries (Reports only) spread from 100 days back to {@code 100 + days} back
     * @param team whether every member of a workspace has entries (else only the token owner);
     *     {@code /me/time_entries} always shows the owner's alone
     * @param reportsMaxRangeDays the widest date range one Reports request covers; a wider one is
     *     narrowed, and {@code X-Range-End} says where it stopped
     * @param reportsMaxPageSize the largest {@code page_size} honoured; a larger one is lowered to it
     */
    public record History(int days, boolean team, int reportsMaxRangeDays, int reportsMaxPageSize) {
        /** One year of older entries, the owner's alone; a year per request, pages of up to 1000. */
        public static final History DEFAULT = new History(365, false, 366, 1000);

        public History {
            require(days >= 1, "history.days must be >= 1, got " + days);
            require(reportsMaxRangeDays >= 1, "history.reportsMaxRangeDays must be >= 1, got " + reportsMaxRangeDays);
            require(reportsMaxPageSize >= 1, "history.reportsMaxPageSize must be >= 1, got " + reportsMaxPageSize);
        }

        public History withTeam(boolean v) {
            return new History(days, v, reportsMaxRangeDays, reportsMaxPageSize);
        }

        public History withDays(int v) {
            return new History(v, team, reportsMaxRangeDays, reportsMaxPageSize);
        }

        public History withReportsLimits(int maxRangeDays, int maxPageSize) {
            return new History(days, team, maxRangeDays, maxPageSize);
        }
    }

    /** An (endpoint, workspace) pair for {@link #featureRequired} and {@link #accessDenied}. */
    public record Gate(Endpoint endpoint, long workspaceId) {
        /** {@code workspaceId} is the organization's id for the organization endpoints. */
        public Gate {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!endpoint.workspaceScoped() && !endpoint.organizationScoped()) {
                throw new IllegalArgumentException("gate: " + endpoint + " is not a workspace or organization endpoint; "
                        + "gates apply to PROJECTS, CLIENTS, TAGS, TASKS, WORKSPACE_USERS, PROJECT_USERS, "
                        + "REPORTS_TIME_ENTRIES, ORGANIZATION_USERS, GROUPS");
            }
        }
    }

    public SimulatorConfig {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(userTimeZone, "userTimeZone");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(quotaWindow, "quotaWindow");
        Objects.requireNonNull(requestListener, "requestListener");
        Objects.requireNonNull(history, "history");
        require(port >= 0 && port <= 65_535, "port must be 0..65535, got " + port);
        require(!token.isBlank() && token.indexOf(':') < 0, "token must be non-blank and contain no ':'");
        require(timeEntries >= 0 && timeEntries <= MAX_TIME_ENTRIES,
                "timeEntries must be 0.." + MAX_TIME_ENTRIES + ", got " + timeEntries);
        require(olderTimeEntries >= 0 && olderTimeEntries <= MAX_TIME_ENTRIES,
                "olderTimeEntries must be 0.." + MAX_TIME_ENTRIES + ", got " + olderTimeEntries);
        require(userQuotaPerHour >= 0 && freeOrganizationQuotaPerHour >= 0 && premiumOrganizationQuotaPerHour >= 0,
                "quotas must be >= 0");
        require(!quotaWindow.isNegative() && !quotaWindow.isZero(), "quotaWindow must be positive, got " + quotaWindow);
        require(burstRequestsPerSecond >= 0, "burstRequestsPerSecond must be >= 0 (0 = off)");
        require(burstCapacity >= 1, "burstCapacity must be >= 1, got " + burstCapacity);
        require(timeEntriesResultCap >= 0, "timeEntriesResultCap must be >= 0 (0 = no cap)");
        require(lookbackDays >= 1, "lookbackDays must be >= 1, got " + lookbackDays);
        featureRequired = Set.copyOf(featureRequired);
        accessDenied = Set.copyOf(accessDenied);
    }

    public static SimulatorConfig defaults() {
        return new SimulatorConfig(0, DEFAULT_TOKEN, DEFAULT_SEED, DEFAULT_TIME_ENTRIES, DEFAULT_OLDER_TIME_ENTRIES,
                true, ZoneId.of("Europe/Berlin"), Clock.systemUTC(), DEFAULT_USER_QUOTA,
                DEFAULT_FREE_ORGANIZATION_QUOTA, DEFAULT_PREMIUM_ORGANIZATION_QUOTA, DEFAULT_QUOTA_WINDOW, 0, 1, 0,
                DEFAULT_LOOKBACK_DAYS, Set.of(), Set.of(), r -> {}, History.DEFAULT);
    }

    public SimulatorConfig withPort(int port) {
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                burstRequestsPerSecond, burstCapacity, timeEntriesResultCap, lookbackDays, featureRequired,
                accessDenied, requestListener, history);
    }

    public SimulatorConfig withToken(String token) {
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                burstRequestsPerSecond, burstCapacity, timeEntriesResultCap, lookbackDays, featureRequired,
                accessDenied, requestListener, history);
    }

    public SimulatorConfig withSeed(long seed) {
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                burstRequestsPerSecond, burstCapacity, timeEntriesResultCap, lookbackDays, featureRequired,
                accessDenied, requestListener, history);
    }

    /** Entries in the last 85 days (the /me/time_entries range) and entries 100–465 days old (Reports only). */
    public SimulatorConfig withTimeEntries(int recent, int older) {
        return new SimulatorConfig(port, token, seed, recent, older, runningEntry, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                burstRequestsPerSecond, burstCapacity, timeEntriesResultCap, lookbackDays, featureRequired,
                accessDenied, requestListener, history);
    }

    public SimulatorConfig withTimeEntries(int recent) {
        return withTimeEntries(recent, olderTimeEntries);
    }

    public SimulatorConfig withRunningEntry(boolean running) {
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, running, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                burstRequestsPerSecond, burstCapacity, timeEntriesResultCap, lookbackDays, featureRequired,
                accessDenied, requestListener, history);
    }

    public SimulatorConfig withUserTimeZone(ZoneId zone) {
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, zone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                burstRequestsPerSecond, burstCapacity, timeEntriesResultCap, lookbackDays, featureRequired,
                accessDenied, requestListener, history);
    }

    public SimulatorConfig withClock(Clock clock) {
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                burstRequestsPerSecond, burstCapacity, timeEntriesResultCap, lookbackDays, featureRequired,
                accessDenied, requestListener, history);
    }

    /** Requests per window: the user bucket, each Free organization, the Premium organization. */
    public SimulatorConfig withQuota(int user, int freeOrganization, int premiumOrganization) {
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, userTimeZone, clock,
                user, freeOrganization, premiumOrganization, quotaWindow, burstRequestsPerSecond, burstCapacity,
                timeEntriesResultCap, lookbackDays, featureRequired, accessDenied, requestListener, history);
    }

    /** The same total for every bucket: handy when a test makes many requests and quotas are not its subject. */
    public SimulatorConfig withQuota(int perBucket) {
        return withQuota(perBucket, perBucket, perBucket);
    }

    public SimulatorConfig withQuotaWindow(Duration window) {
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, window,
                burstRequestsPerSecond, burstCapacity, timeEntriesResultCap, lookbackDays, featureRequired,
                accessDenied, requestListener, history);
    }

    /** Answer 429 when more than {@code capacity} requests arrive faster than {@code perSecond} drains them. */
    public SimulatorConfig withBurstLimit(double perSecond, int capacity) {
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                perSecond, capacity, timeEntriesResultCap, lookbackDays, featureRequired, accessDenied,
                requestListener, history);
    }

    public SimulatorConfig withTimeEntriesResultCap(int cap) {
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                burstRequestsPerSecond, burstCapacity, cap, lookbackDays, featureRequired, accessDenied,
                requestListener, history);
    }

    public SimulatorConfig withLookbackDays(int days) {
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                burstRequestsPerSecond, burstCapacity, timeEntriesResultCap, days, featureRequired, accessDenied,
                requestListener, history);
    }

    /** Answer {@code endpoint} for {@code workspaceId} with 402 "Workspace needs to have this feature enabled". */
    public SimulatorConfig withFeatureRequired(Endpoint endpoint, long workspaceId) {
        Set<Gate> gates = new HashSet<>(featureRequired);
        gates.add(new Gate(endpoint, workspaceId));
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                burstRequestsPerSecond, burstCapacity, timeEntriesResultCap, lookbackDays, gates, accessDenied,
                requestListener, history);
    }

    /** Answer {@code endpoint} for {@code workspaceId} with 403, as Toggl does for non-admins. */
    public SimulatorConfig withAccessDenied(Endpoint endpoint, long workspaceId) {
        Set<Gate> gates = new HashSet<>(accessDenied);
        gates.add(new Gate(endpoint, workspaceId));
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                burstRequestsPerSecond, burstCapacity, timeEntriesResultCap, lookbackDays, featureRequired, gates,
                requestListener, history);
    }

    public SimulatorConfig withHistory(History history) {
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                burstRequestsPerSecond, burstCapacity, timeEntriesResultCap, lookbackDays, featureRequired,
                accessDenied, requestListener, history);
    }

    public SimulatorConfig withRequestListener(Consumer<RecordedRequest> listener) {
        return new SimulatorConfig(port, token, seed, timeEntries, olderTimeEntries, runningEntry, userTimeZone, clock,
                userQuotaPerHour, freeOrganizationQuotaPerHour, premiumOrganizationQuotaPerHour, quotaWindow,
                burstRequestsPerSecond, burstCapacity, timeEntriesResultCap, lookbackDays, featureRequired,
                accessDenied, listener, history);
    }

    @Override
    public String toString() {
        // The token stays out of logs and assertion messages (STYLE.md habit 6).
        return "SimulatorConfig[port=" + port + ", token=****, seed=" + seed + ", timeEntries=" + timeEntries
                + ", olderTimeEntries=" + olderTimeEntries + ", runningEntry=" + runningEntry + ", userTimeZone="
                + userTimeZone + ", quota=" + userQuotaPerHour + "/" + freeOrganizationQuotaPerHour + "/"
                + premiumOrganizationQuotaPerHour + " per " + quotaWindow + ", burst=" + burstRequestsPerSecond
                + "/s x" + burstCapacity + ", cap=" + timeEntriesResultCap + ", lookbackDays=" + lookbackDays
                + ", featureRequired=" + featureRequired + ", accessDenied=" + accessDenied + ", history=" + history + "]";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("simulator config: " + message);
        }
    }
}
