package dev.togglsync.simulator;

import dev.togglsync.simulator.Account.Organization;
import dev.togglsync.simulator.Account.User;
import dev.togglsync.simulator.Account.Workspace;
import dev.togglsync.simulator.Account.WorkspaceUser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Builds the seeded catalog: one user in two organizations, a Premium workspace (with tasks and
 * more active projects than the default page of 151) and a Free one (no tasks), with archived
 * projects and clients in both. Ids are fixed (see {@link Dataset}); names, dates and
 * attributes come from the seed. Sizes are constants: only time entries scale.
 */
final class CatalogGenerator {
    static final int PREMIUM_PROJECTS = 215;
    static final int FREE_PROJECTS = 48;
    static final int PREMIUM_CLIENTS = 24;
    static final int FREE_CLIENTS = 6;
    static final int PREMIUM_TAGS = 30;
    static final int FREE_TAGS = 10;
    static final int PROJECTS_WITH_TASKS = 40;

    static final List<String> COLORS = List.of("#0b83d9", "#9e5bd9", "#d94182", "#e36a00", "#bf7000", "#2da608",
            "#06a893", "#c9806b", "#465bb3", "#990099", "#c7af14", "#566614", "#d92b2b", "#525266");
    private static final List<String> ADJECTIVES = List.of("Blue", "Rapid", "Quiet", "Northern", "Bright", "Silver",
            "Urban", "Open", "Green", "Prime", "Nordic", "Solid");
    private static final List<String> NOUNS = List.of("Website", "Migration", "Audit", "Campaign", "Platform",
            "Workshop", "Redesign", "Backend", "Research", "Onboarding", "Dashboard", "Rollout");
    private static final List<String> COMPANIES = List.of("Müller & Söhne GmbH", "Acme Corp", "Globex", "Initech",
            "Umbrella Ltd", "Hooli", "Stark Industries", "Wayne Enterprises", "Tyrell", "Cyberdyne", "Soylent",
            "Vandelay Industries");
    private static final List<String> TAG_WORDS = List.of("billable", "meeting", "deep-work", "review", "support",
            "travel", "urgent", "internal", "research", "admin", "café ☕", "follow-up");
    private static final List<String> PEOPLE = List.of("Grace Hopper", "Alan Turing", "Katherine Johnson",
            "Linus Pauling", "Margaret Hamilton", "Edsger Dijkstra", "Barbara Liskov");

    private final SplittableRandom rng;
    private final Instant now;
    private final SimulatorConfig config;

    CatalogGenerator(SimulatorConfig config, Instant now) {
        this.config = config;
        this.rng = new SplittableRandom(config.seed());
        this.now = now;
    }

    Catalog.State generate() {
        User user = new User(Dataset.USER_ID, config.token(), "ada@example.com", "Ada Lovelace",
                config.userTimeZone(), token(22), Dataset.PREMIUM_WORKSPACE_ID, micros(daysAgo(3200, 3400)),
                micros(daysAgo(30, 60)), micros(daysAgo(1, 20)), hex(64), micros(daysAgo(60, 200)));
        List<Organization> orgs = List.of(
                new Organization(Dataset.PREMIUM_ORGANIZATION_ID, "Lovelace Consulting", true,
                        micros(daysAgo(2000, 2500)), 6),
                new Organization(Dataset.FREE_ORGANIZATION_ID, "Side Projects", false, micros(daysAgo(800, 1200)), 2));
        List<Workspace> workspaces = List.of(
                new Workspace(Dataset.PREMIUM_WORKSPACE_ID, Dataset.PREMIUM_ORGANIZATION_ID, "Lovelace Consulting",
                        true, seconds(daysAgo(5, 30)), today().minusDays(1), 95.0, "EUR"),
                new Workspace(Dataset.FREE_WORKSPACE_ID, Dataset.FREE_ORGANIZATION_ID, "Side Projects", false,
                        seconds(daysAgo(5, 30)), today().minusDays(2), null, "USD"));

        TreeMap<Long, Client> clients = new TreeMap<>();
        addClients(clients, Dataset.PREMIUM_WORKSPACE_ID, 64_000_000L, PREMIUM_CLIENTS, 6);
        addClients(clients, Dataset.FREE_WORKSPACE_ID, 64_100_000L, FREE_CLIENTS, 3);
        TreeMap<Long, Project> projects = new TreeMap<>();
        addProjects(projects, clients, Dataset.PREMIUM_WORKSPACE_ID, 201_000_000L, PREMIUM_PROJECTS, 9, true);
        addProjects(projects, clients, Dataset.FREE_WORKSPACE_ID, 202_000_000L, FREE_PROJECTS, 6, false);
        TreeMap<Long, Tag> tags = new TreeMap<>();
        addTags(tags, Dataset.PREMIUM_WORKSPACE_ID, 16_000_000L, PREMIUM_TAGS);
        addTags(tags, Dataset.FREE_WORKSPACE_ID, 16_100_000L, FREE_TAGS);
        TreeMap<Long, Task> tasks = new TreeMap<>();
        addTasks(tasks, projects);
        return new Catalog.State(user, orgs, workspaces, projects, clients, tags, tasks, workspaceUsers());
    }

    private void addClients(TreeMap<Long, Client> into, long wid, long base, int count, int archivedEvery) {
        for (int k = 0; k < count; k++) {
            String name = COMPANIES.get(k % COMPANIES.size()) + (k < COMPANIES.size() ? "" : " " + (k / COMPANIES.size() + 1));
            long id = base + 3L * k;
            into.put(id, new Client(id, wid, k % archivedEvery == archivedEvery - 1, name, seconds(daysAgo(40, 900)),
                    Dataset.USER_ID));
        }
    }

    private void addProjects(TreeMap<Long, Project> into, TreeMap<Long, Client> clients, long wid, long base,
            int count, int archivedEvery, boolean premium) {
        List<Long> clientIds = clients.values().stream().filter(c -> c.workspaceId() == wid).map(Client::id).toList();
        for (int k = 0; k < count; k++) {
            long id = base + 17L * k;
            Instant created = seconds(daysAgo(120, 3000));
            Instant at = seconds(between(created, now.minus(Duration.ofDays(1))));
            Long clientId = rng.nextInt(10) < 7 ? clientIds.get(rng.nextInt(clientIds.size())) : null;
            String name = k == 2 ? "Zürich Café Relaunch ☕"
                    : ADJECTIVES.get(rng.nextInt(ADJECTIVES.size())) + " " + NOUNS.get(rng.nextInt(NOUNS.size())) + " " + (k + 1);
            boolean billable = premium && rng.nextBoolean();
            Double rate = billable && rng.nextInt(3) == 0 ? 80.0 + 5 * rng.nextInt(6) : null;
            boolean active = k % archivedEvery != 4;
            into.put(id, new Project(id, wid, clientId, name, rng.nextInt(4) == 0, active, at, created, COLORS.get(rng.nextInt(COLORS.size())), billable,
                    rate, rate == null ? null : "EUR", LocalDate.ofInstant(created, ZoneOffset.UTC), rng.nextLong(0, 4_000_000), k % 50 == 0));
        }
    }

    private void addTags(TreeMap<Long, Tag> into, long wid, long base, int count) {
        for (int k = 0; k < count; k++) {
            long id = base + 5L * k;
            String name = TAG_WORDS.get(k % TAG_WORDS.size()) + (k < TAG_WORDS.size() ? "" : "-" + (k / TAG_WORDS.size() + 1));
            into.put(id, new Tag(id, wid, name, micros(daysAgo(10, 700)), Dataset.USER_ID, null));
        }
    }

    private void addTasks(TreeMap<Long, Task> into, TreeMap<Long, Project> projects) {
        long next = 90_000_000L;
        List<Project> premium = projects.values().stream()
                .filter(p -> p.workspaceId() == Dataset.PREMIUM_WORKSPACE_ID && p.active())
                .limit(PROJECTS_WITH_TASKS).toList();
        for (Project p : premium) {
            int n = 1 + rng.nextInt(5);
            for (int k = 0; k < n; k++) {
                long id = next;
                next += 3;
                into.put(id, new Task(id, NOUNS.get(rng.nextInt(NOUNS.size())) + " task " + (k + 1), p.workspaceId(),
                        p.id(), rng.nextBoolean() ? Dataset.USER_ID : null, rng.nextInt(5) != 0,
                        seconds(daysAgo(2, 300)), rng.nextBoolean() ? 3600L * (1 + rng.nextInt(40)) : null,
                        rng.nextLong(0, 90_000_000)));
            }
        }
    }

    private List<WorkspaceUser> workspaceUsers() {
        List<WorkspaceUser> users = new ArrayList<>();
        String zone = config.userTimeZone().getId();
        long id = 7_000_000L;
        users.add(new WorkspaceUser(id++, Dataset.USER_ID, Dataset.PREMIUM_WORKSPACE_ID, "Ada Lovelace",
                "ada@example.com", true, true, "admin", seconds(daysAgo(30, 300)), zone));
        for (int k = 0; k < 5; k++) {
            String name = PEOPLE.get(k);
            users.add(new WorkspaceUser(id++, 1_000_100L + k, Dataset.PREMIUM_WORKSPACE_ID, name,
                    name.toLowerCase().replace(' ', '.') + "@example.com", k != 4, k == 0, k == 0 ? "admin" : "user",
                    seconds(daysAgo(5, 600)), zone));
        }
        users.add(new WorkspaceUser(id++, Dataset.USER_ID, Dataset.FREE_WORKSPACE_ID, "Ada Lovelace",
                "ada@example.com", true, true, "admin", seconds(daysAgo(30, 300)), zone));
        users.add(new WorkspaceUser(id, 1_000_106L, Dataset.FREE_WORKSPACE_ID, PEOPLE.get(5),
                "edsger.dijkstra@example.com", true, false, "user", seconds(daysAgo(5, 600)), zone));
        return users;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(now, config.userTimeZone());
    }

    private Instant daysAgo(int min, int max) {
        long secs = rng.nextLong(min * 86_400L, max * 86_400L);
        return now.minusSeconds(secs).plusNanos(rng.nextInt(1_000_000) * 1_000L);
    }

    private Instant between(Instant from, Instant to) {
        return to.isAfter(from) ? from.plusSeconds(rng.nextLong(0, to.getEpochSecond() - from.getEpochSecond() + 1)) : from;
    }

    private static Instant seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    private String token(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private String hex(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(Character.forDigit(rng.nextInt(16), 16));
        }
        return b.toString();
    }
}
