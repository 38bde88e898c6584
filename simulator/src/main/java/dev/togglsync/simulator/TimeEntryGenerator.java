package dev.togglsync.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Derives generated time entry {@code i} from {@code (seed, i)} alone, so a million entries cost
 * no heap. Index 0 is the newest start; {@code start(i)} never increases with {@code i}, which
 * is the newest-first order of {@code /me/time_entries}, and lets a date window be found by
 * binary search. The first {@code recent} indexes cover the last 85 days; the {@code older}
 * ones cover 100 to 100 + {@code history.days} days ago (465 by default), out of
 * {@code /me/time_entries}' reach (Reports v3 only). With {@code history.team}, entries belong to
 * any member of their workspace.
 *
 * <p>Worked example with 2,000 recent entries: spacing = 85 d / 2000 ≈ 61 min; entry 10 starts
 * (10.1 to 10.4) × 61 min before the anchor, runs at most 0.8 × 61 min and was last touched
 * ({@code at}) 1–120 s after its stop, or for one entry in ten up to 10 days later.
 */
final class TimeEntryGenerator {
    static final Duration RECENT_SPAN = Duration.ofDays(85);
    static final Duration OLDER_FROM = Duration.ofDays(100);
    static final long ID_BASE = 3_600_000_000L;
    /** Bounds that let a {@code since} query skip entries: stop − start and at − stop never exceed them. */
    static final Duration MAX_DURATION = Duration.ofHours(8);
    static final Duration MAX_EDIT_LAG = Duration.ofDays(10);

    private static final List<String> DESCRIPTIONS = List.of("Code review", "Client call", "Sprint planning",
            "Writing documentation", "Bug fixing", "Email triage", "Design review", "Deploy to production",
            "Research: DuckDB vs PostgreSQL", "1:1", "Café meeting ☕ with the \"Berlin\" team",
            "Notes\nsecond line", "Invoice #4711 prep", "Onboarding 👋");

    private final long seed;
    private final long anchorSecond;
    private final Instant anchor;
    private final int recent;
    private final int older;
    private final boolean running;
    private final double recentSpacing;
    private final double olderSpacing;
    private final long[] premiumProjects;
    private final long[] freeProjects;
    private final Map<Long, long[]> tasksByProject;
    private final long[] premiumTags;
    private final long[] freeTags;
    /** Who may have entries in each workspace: the owner alone, or every member when the team has entries. */
    private final long[] premiumUsers;
    private final long[] freeUsers;

    TimeEntryGenerator(SimulatorConfig config, Instant anchor, Catalog.State catalog) {
        this.seed = config.seed();
        this.anchor = anchor.truncatedTo(ChronoUnit.MICROS);
        this.anchorSecond = anchor.getEpochSecond();
        this.recent = config.timeEntries();
        this.older = config.olderTimeEntries();
        this.running = config.runningEntry() && recent > 0;
        this.recentSpacing = recent == 0 ? 0 : RECENT_SPAN.getSeconds() / (double) recent;
        this.olderSpacing = older == 0 ? 0 : Duration.ofDays(config.history().days()).getSeconds() / (double) older;
        boolean team = config.history().team();
        this.premiumUsers = team ? ids(catalog.workspaceUsers(Dataset.PREMIUM_WORKSPACE_ID).stream()
                .map(Account.WorkspaceUser::uid).toList()) : new long[] {Dataset.USER_ID};
        this.freeUsers = team ? ids(catalog.workspaceUsers(Dataset.FREE_WORKSPACE_ID).stream()
                .map(Account.WorkspaceUser::uid).toList()) : new long[] {Dataset.USER_ID};
        this.premiumProjects = ids(catalog.projects(Dataset.PREMIUM_WORKSPACE_ID).stream().map(Project::id).toList());
        this.freeProjects = ids(catalog.projects(Dataset.FREE_WORKSPACE_ID).stream().map(Project::id).toList());
        this.premiumTags = ids(catalog.tags(Dataset.PREMIUM_WORKSPACE_ID).stream().map(Tag::id).toList());
        this.freeTags = ids(catalog.tags(Dataset.FREE_WORKSPACE_ID).stream().map(Tag::id).toList());
        Map<Long, List<Long>> tasks = new HashMap<>();
        catalog.tasks().values().forEach(t -> tasks.computeIfAbsent(t.projectId(), k -> new ArrayList<>()).add(t.id()));
        this.tasksByProject = new HashMap<>();
        tasks.forEach((pid, list) -> tasksByProject.put(pid, ids(list)));
    }

    int size() {
        return recent + older;
    }

    /** Ids above every generated one: where added entries start. */
    long nextFreeId() {
        return ID_BASE + 4L * size() + 1_000;
    }

    long startSecond(int i) {
        double offset;
        if (i < recent) {
            offset = i == 0 && running
                    ? Math.min(recentSpacing * 0.5, 1_500)
                    : (i + 0.1 + 0.3 * Hash.unit(seed, i, 1)) * recentSpacing;
        } else {
            offset = OLDER_FROM.getSeconds() + (i - recent + 0.1 + 0.3 * Hash.unit(seed, i, 1)) * olderSpacing;
        }
        return anchorSecond - (long) Math.ceil(offset);
    }

    /** Newer entries have larger ids, as on Toggl; the low two bits make ids look less regular. */
    long id(int i) {
        return ID_BASE + 4L * (size() - 1L - i) + (Hash.bits(seed, i, 2) & 3);
    }

    Optional<Integer> indexOf(long id) {
        long k = id - ID_BASE;
        if (k < 0) {
            return Optional.empty();
        }
        long i = size() - 1L - k / 4;
        if (i < 0 || i >= size() || id((int) i) != id) {
            return Optional.empty();
        }
        return Optional.of((int) i);
    }

    /** The smallest index whose start is before {@code t} (= size() when none): starts never increase. */
    int firstStartedBefore(Instant t) {
        int lo = 0;
        int hi = size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Instant.ofEpochSecond(startSecond(mid)).isBefore(t)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    TimeEntry entry(int i) {
        long startSec = startSecond(i);
        Instant start = Instant.ofEpochSecond(startSec);
        boolean isRunning = i == 0 && running;
        boolean premium = i <= 4 || Hash.unit(seed, i, 3) >= 0.2;
        long wid = premium ? Dataset.PREMIUM_WORKSPACE_ID : Dataset.FREE_WORKSPACE_ID;
        long[] projects = premium ? premiumProjects : freeProjects;
        // Fixed examples near the top whatever the seed: 1 has no project and no description, 2 has
        // tags, 3 a task, 4 is deleted; tests find every quirk without searching.
        Long projectId = i == 1 || projects.length == 0 || (i > 4 && Hash.unit(seed, i, 4) < 0.12)
                ? null : projects[Hash.below(seed, i, 5, projects.length)];
        Long taskId = taskFor(i, projectId);
        if (i == 3 && taskId == null) {
            projectId = tasksByProject.isEmpty() ? projectId : firstProjectWithTasks();
            taskId = taskFor(i, projectId);
        }
        String description = i == 1 || (i > 4 && Hash.unit(seed, i, 6) < 0.1)
                ? null : DESCRIPTIONS.get(Hash.below(seed, i, 7, DESCRIPTIONS.size()));
        List<Long> tagIds = i == 1 ? List.of() : tags(i, premium ? premiumTags : freeTags);
        boolean billable = premium && projectId != null && Hash.below(seed, i, 8, 2) == 0;
        if (isRunning) {
            Instant at = start.plusSeconds(1).plusNanos(Hash.below(seed, i, 9, 1_000_000) * 1_000L);
            return new TimeEntry(id(i), wid, projectId, taskId, billable, start, null, description, tagIds,
                    at.isAfter(anchor) ? anchor : at, null, Dataset.USER_ID);
        }
        long spacing = (long) (i < recent ? recentSpacing : olderSpacing);
        long maxDuration = Math.min((long) (spacing * 0.8), MAX_DURATION.getSeconds());
        long duration = Math.min((long) (maxDuration * (0.2 + 0.8 * Hash.unit(seed, i, 10))),
                Math.max(0, anchorSecond - 1 - startSec));
        Instant stop = start.plusSeconds(duration);
        long lagMicros = Hash.unit(seed, i, 11) < 0.9
                ? 1_000_000L + Hash.below(seed, i, 12, 119_000_000)
                : (long) (Hash.unit(seed, i, 12) * MAX_EDIT_LAG.toNanos() / 1_000);
        Instant at = stop.plus(lagMicros, ChronoUnit.MICROS);
        if (at.isAfter(anchor)) {
            at = anchor;
        }
        boolean deleted = i == 4 || (i > 4 && Hash.below(seed, i, 13, 250) == 0);
        // The fixed examples (and the running entry above) are the owner's; with a team, the rest
        // belong to any member of the workspace, the owner included.
        long[] users = premium ? premiumUsers : freeUsers;
        long userId = i <= 4 ? Dataset.USER_ID : users[Hash.below(seed, i, 19, users.length)];
        return new TimeEntry(id(i), wid, projectId, taskId, billable, start, stop, description, tagIds, at,
                deleted ? at.truncatedTo(ChronoUnit.SECONDS) : null, userId);
    }

    private Long taskFor(int i, Long projectId) {
        long[] tasks = projectId == null ? null : tasksByProject.get(projectId);
        if (tasks == null || (i != 3 && Hash.below(seed, i, 14, 3) != 0)) {
            return null;
        }
        return tasks[Hash.below(seed, i, 15, tasks.length)];
    }

    private Long firstProjectWithTasks() {
        return tasksByProject.keySet().stream().min(Long::compare).orElseThrow();
    }

    private List<Long> tags(int i, long[] pool) {
        int roll = Hash.below(seed, i, 16, 10);
        int count = i == 2 ? 2 : roll < 4 ? 0 : roll < 7 ? 1 : roll < 9 ? 2 : 3;
        count = Math.min(count, pool.length);
        if (count == 0) {
            return List.of();
        }
        List<Long> picked = new ArrayList<>(count);
        int first = Hash.below(seed, i, 17, pool.length);
        int step = 1 + Hash.below(seed, i, 18, Math.max(1, pool.length - 1));
        for (int k = 0; picked.size() < count && k < pool.length; k++) {
            long id = pool[(int) ((first + (long) k * step) % pool.length)];
            if (!picked.contains(id)) {
                picked.add(id);
            }
        }
        return picked;
    }

    private static long[] ids(List<Long> list) {
        return list.stream().mapToLong(Long::longValue).toArray();
    }
}
