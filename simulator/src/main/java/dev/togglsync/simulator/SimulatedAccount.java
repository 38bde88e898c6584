package dev.togglsync.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One Toggl account of a {@link Simulator}: its own token, user, workspaces, quota buckets, faults
 * and request log, with its own ground truth in {@link #dataset()}. A simulator started with
 * {@code --accounts N} serves N of them on one port and tells them apart by the token of each
 * request. Account 0 is the simulator's configured token and seed; account {@code i > 0} derives
 * both from the seed and {@code i}, so the same seed always gives the same accounts.
 */
public final class SimulatedAccount {
    private final int index;
    private final SimulatorConfig config;
    private final Dataset dataset;
    private final QuotaBuckets quota;
    private final FaultRules faults = new FaultRules();
    private final RequestLog log = new RequestLog();
    final Pipeline pipeline;

    SimulatedAccount(int index, SimulatorConfig config) {
        this.index = index;
        this.config = config;
        this.dataset = new Dataset(config);
        Map<Long, Integer> organizations = new LinkedHashMap<>();
        organizations.put(Dataset.PREMIUM_ORGANIZATION_ID, config.premiumOrganizationQuotaPerHour());
        organizations.put(Dataset.FREE_ORGANIZATION_ID, config.freeOrganizationQuotaPerHour());
        this.quota = new QuotaBuckets(config.clock(), config.quotaWindow(), config.userQuotaPerHour(), organizations);
        this.pipeline = new Pipeline(config, dataset, quota, faults, log);
    }

    /**
     * The configuration of account {@code index} of a simulator configured with {@code base}: the
     * base itself for account 0; for the others a token and a seed drawn from a generator seeded
     * with the base seed and the index (deterministic, distinct per account).
     */
    static SimulatorConfig derive(SimulatorConfig base, int index) {
        if (index == 0) {
            return base;
        }
        SplittableRandom random = new SplittableRandom(base.seed() ^ (0x9E3779B97F4A7C15L * index));
        String token = String.format("%016x%016x", random.nextLong(), random.nextLong());
        return base.withToken(token).withSeed(random.nextLong());
    }

    /** 0 for the simulator's configured account, 1.. for the derived ones. */
    public int index() {
        return index;
    }

    public String token() {
        return config.token();
    }

    /** The {@code Authorization} header value this account's requests carry. */
    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((config.token() + ":api_token").getBytes(StandardCharsets.UTF_8));
    }

    public SimulatorConfig config() {
        return config;
    }

    /** This account's ground truth and mutation hooks. */
    public Dataset dataset() {
        return dataset;
    }

    public QuotaBuckets quota() {
        return quota;
    }

    public FaultRules faults() {
        return faults;
    }

    /** This account's answered requests, oldest first (see {@link Simulator#requests()}). */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    public void clearRequests() {
        log.clear();
    }

    @Override
    public String toString() {
        return "account " + index + " (token ****)";
    }
}
