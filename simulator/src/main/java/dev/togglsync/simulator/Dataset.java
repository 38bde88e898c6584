package dev.togglsync.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The simulated account: ground truth for tests and the hooks that change it.
 *
 * <p>Ground truth comes as {@link ObjectNode}s written by the same code as the responses, so
 * keys, order and null-vs-missing are exactly what a client received. Time entries come as lazy
 * streams (a million of them never sit on the heap). Every change sets the record's {@code at}
 * to the simulator clock's now, as Toggl does; what Toggl changes without bumping {@code at}
 * (a deleted tag vanishing from entries) is modelled too.
 *
 * <p>Ids are fixed whatever the seed: user {@value #USER_ID}; Premium workspace
 * {@value #PREMIUM_WORKSPACE_ID} (organization {@value #PREMIUM_ORGANIZATION_ID}, 215 projects of
 * which 24 archived, 24 clients of which 4 archived, 30 tags, tasks); Free workspace
 * {@value #FREE_WORKSPACE_ID} (organization {@value #FREE_ORGANIZATION_ID}, 48 projects of which 8
 * archived, 6 clients of which 2 archived, 10 tags, no tasks). Time entry ids are above 2^31.
 */
public final class Dataset {
    public static final long USER_ID = 1_000_002L;
    public static final long PREMIUM_WORKSPACE_ID = 1_000_001L;
    public static final long FREE_WORKSPACE_ID = 1_000_005L;
    public static final long PREMIUM_ORGANIZATION_ID = 1_000_003L;
    public static final long FREE_ORGANIZATION_ID = 1_000_004L;

    private final SimulatorConfig config;
    private final Clock clock;
    private final Instant anchor;
    private final Catalog catalog;
    private final TimeEntryStore entries;

    Dataset(SimulatorConfig config) {
        this.config = config;
        this.clock = config.clock();
        this.anchor = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Catalog.State initial = new CatalogGenerator(config, anchor).generate();
        this.catalog = new Catalog(initial);
        this.entries = new TimeEntryStore(new TimeEntryGenerator(config, anchor, initial));
    }

    /** The instant the data was generated around (the clock's now at start). */
    public Instant anchor() {
        return anchor;
    }

    /** The simulator clock's now, as mutations stamp it into {@code at}. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code GET /me} (with {@code api_token}, which a sync must drop). */
    public ObjectNode me() {
        return Json.tree(g -> AccountJson.me(g, catalog.state().user()));
    }

    /** {@code GET /me/workspaces}. */
    public List<ObjectNode> workspaces() {
        Catalog.State s = catalog.state();
        return s.workspaces().stream()
                .map(w -> Json.tree(g -> AccountJson.workspace(g, w, s.user().apiToken(), activeProjects(s, w.id()))))
                .toList();
    }

    /** {@code GET /me/organizations}. */
    public List<ObjectNode> organizations() {
        return catalog.state().organizations().stream().map(o -> Json.tree(g -> AccountJson.organization(g, o))).toList();
    }

    /** Every project of the workspace, active and archived ({@code active=both}), by id. */
    public List<ObjectNode> projects(long workspaceId) {
        return catalog.state().projects(workspaceId).stream().map(p -> Json.tree(g -> CatalogJson.project(g, p))).toList();
    }

    /** Every client of the workspace, active and archived ({@code status=both}), by id. */
    public List<ObjectNode> clients(long workspaceId) {
        return catalog.state().clients(workspaceId).stream().map(c -> Json.tree(g -> CatalogJson.client(g, c))).toList();
    }

    /** The workspace's tags (deleted ones excluded, as {@code /tags} does), by id. */
    public List<ObjectNode> tags(long workspaceId) {
        return catalog.state().tags(workspaceId).stream().map(t -> Json.tree(g -> CatalogJson.tag(g, t))).toList();
    }

    /** Every task of the workspace, active and done ({@code active=both}), by id; none on the Free workspace. */
    public List<ObjectNode> tasks(long workspaceId) {
        Catalog.State s = catalog.state();
        return s.tasks(workspaceId).stream().map(t -> Json.tree(g -> CatalogJson.task(g, t, s))).toList();
    }

    /** {@code GET /workspaces/{wid}/workspace_users}. */
    public List<ObjectNode> workspaceUsers(long workspaceId) {
        return catalog.state().workspaceUsers(workspaceId).stream()
                .map(u -> Json.tree(g -> AccountJson.workspaceUser(g, u))).toList();
    }

    /** {@code GET /organizations/{oid}/users}, every page, in order. */
    public List<ObjectNode> organizationUsers(long organizationId) {
        return OrganizationHandlers.users(catalog.state(), organizationId).stream()
                .map(u -> Json.tree(g -> OrganizationHandlers.user(g, u))).toList();
    }

    /** {@code GET /organizations/{oid}/groups}. */
    public List<ObjectNode> groups(long organizationId) {
        return OrganizationHandlers.groups(catalog.state(), organizationId).stream()
                .map(x -> Json.tree(g -> OrganizationHandlers.group(g, x))).toList();
    }

    /** {@code GET /workspaces/{wid}/project_users}. */
    public List<ObjectNode> projectUsers(long workspaceId) {
        return OrganizationHandlers.projectUsers(catalog.state(), workspaceId).stream()
                .map(x -> Json.tree(g -> OrganizationHandlers.projectUser(g, x))).toList();
    }

    /**
     * What Reports v3 shows of the workspace (toggl-api.md §5): every user's stopped, undeleted
     * entries whose start lies in {@code [from, to)}, as typed values of the report's row flattened
     * with its one {@code time_entries[]} element: the columns of report_time_entries.
     */
    public Stream<ObjectNode> reportRows(long workspaceId, Instant fromInclusive, Instant toExclusive) {
        Catalog.State s = catalog.state();
        return stream(entries.startedIn(fromInclusive, toExclusive, true))
                .filter(e -> e.workspaceId() == workspaceId && !e.running() && !e.deleted())
                .map(e -> Json.tree(g -> TimeEntryJson.reportRowFlat(g, e, s)));
    }

    /** Entries with {@code from <= start < to}, not deleted, newest first: what a date-window query returns. */
    public Stream<ObjectNode> timeEntriesStartedBetween(Instant fromInclusive, Instant toExclusive) {
        return json(stream(entries.startedIn(fromInclusive, toExclusive, true)).filter(e -> !e.deleted() && e.userId() == USER_ID));
    }

    /** Entries whose {@code at >= since}, deleted ones included (with {@code server_deleted_at}): what {@code since} returns. */
    public Stream<ObjectNode> timeEntriesModifiedSince(Instant since) {
        return json(stream(entries.modifiedSince(since)).filter(e -> e.userId() == USER_ID));
    }

    public Optional<ObjectNode> timeEntryJson(long id) {
        Catalog.State s = catalog.state();
        return entries.find(id).map(e -> Json.tree(g -> TimeEntryJson.entry(g, e, s, false)));
    }

    public Optional<TimeEntry> timeEntry(long id) {
        return entries.find(id);
    }

    /** Every entry, deleted and Reports-only ones included, newest start first. */
    public Stream<TimeEntry> timeEntries() {
        return stream(entries.startedIn(null, null, true));
    }

    public Optional<TimeEntry> runningTimeEntry() {
        return entries.current();
    }

    public Optional<Project> project(long id) {
        return Optional.ofNullable(catalog.state().projects().get(id));
    }

    public Optional<Client> client(long id) {
        return Optional.ofNullable(catalog.state().clients().get(id));
    }

    public Optional<Tag> tag(long id) {
        return Optional.ofNullable(catalog.state().tags().get(id));
    }

    /** Adds a stopped entry. */
    public TimeEntry addTimeEntry(long workspaceId, Instant start, Duration duration) {
        return addTimeEntry(workspaceId, start, duration, UnaryOperator.identity());
    }

    /**
     * Adds an entry; {@code duration} null starts it running (and stops the entry running
     * before, as Toggl does). {@code details} sets project, tags, description, ...
     */
    public synchronized TimeEntry addTimeEntry(long workspaceId, Instant start, Duration duration,
            UnaryOperator<TimeEntry> details) {
        Instant now = now();
        Instant begin = start.truncatedTo(ChronoUnit.SECONDS);
        TimeEntry draft = new TimeEntry(0, workspaceId, null, null, false, begin,
                duration == null ? null : begin.plusSeconds(duration.getSeconds()), null, List.of(), now, null, USER_ID);
        TimeEntry e = checked(details.apply(draft)).withIdentity(entries.newId(), USER_ID).withAt(now)
                .withServerDeletedAt(null);
        if (e.running()) {
            entries.current().ifPresent(r -> entries.put(r.withStop(max(r.start(), seconds(now))).withAt(now)));
        }
        entries.put(e);
        return e;
    }

    /** Changes an entry through its {@code with...} methods; id, user, {@code at} and deletion stay the dataset's. */
    public synchronized TimeEntry updateTimeEntry(long id, UnaryOperator<TimeEntry> change) {
        TimeEntry old = existing(id);
        TimeEntry changed = checked(change.apply(old));
        TimeEntry e = changed.withIdentity(old.id(), old.userId()).withStart(seconds(changed.start()))
                .withStop(changed.stop() == null ? null : seconds(changed.stop())).withAt(now())
                .withServerDeletedAt(null);
        entries.put(e);
        return e;
    }

    /** Deletes an entry: it stays visible to {@code since} queries with {@code server_deleted_at} = {@code at} = now. */
    public synchronized TimeEntry deleteTimeEntry(long id) {
        Instant now = now();
        TimeEntry e = existing(id).withAt(now).withServerDeletedAt(seconds(now));
        entries.put(e);
        return e;
    }

    public Project addProject(long workspaceId, String name, Long clientId) {
        return catalog.addProject(workspaceId, name, clientId, now(), LocalDate.ofInstant(now(), config.userTimeZone()));
    }

    public Project updateProject(long id, UnaryOperator<Project> change) {
        return catalog.updateProject(id, change, now());
    }

    public Project archiveProject(long id) {
        return updateProject(id, p -> p.withActive(false));
    }

    public Client addClient(long workspaceId, String name) {
        return catalog.addClient(workspaceId, name, now());
    }

    public Client updateClient(long id, UnaryOperator<Client> change) {
        return catalog.updateClient(id, change, now());
    }

    public Client archiveClient(long id) {
        return updateClient(id, c -> c.withArchived(true));
    }

    public Tag addTag(long workspaceId, String name) {
        return catalog.addTag(workspaceId, name, now());
    }

    public Tag updateTag(long id, UnaryOperator<Tag> change) {
        return catalog.updateTag(id, change, now());
    }

    /** Deletes a tag: gone from {@code /tags} and from entries' tags, whose {@code at} does not change (toggl-api.md §8). */
    public Tag deleteTag(long id) {
        return catalog.deleteTag(id, now());
    }

    SimulatorConfig config() {
        return config;
    }

    Catalog.State catalog() {
        return catalog.state();
    }

    TimeEntryStore entries() {
        return entries;
    }

    static long activeProjects(Catalog.State s, long wid) {
        return s.projects(wid).stream().filter(Project::active).count();
    }

    private TimeEntry existing(long id) {
        TimeEntry e = entries.find(id)
                .orElseThrow(() -> new IllegalArgumentException("simulator dataset: no time entry with id " + id));
        if (e.deleted()) {
            throw new IllegalArgumentException("simulator dataset: time entry " + id + " is deleted");
        }
        return e;
    }

    private TimeEntry checked(TimeEntry e) {
        Catalog.State s = catalog.state();
        if (s.workspace(e.workspaceId()).isEmpty()) {
            throw new IllegalArgumentException("simulator dataset: no workspace " + e.workspaceId());
        }
        if (e.projectId() != null && !s.projects().containsKey(e.projectId())) {
            throw new IllegalArgumentException("simulator dataset: no project " + e.projectId());
        }
        for (Long tag : e.tagIds()) {
            if (!s.tagExists(tag)) {
                throw new IllegalArgumentException("simulator dataset: no tag " + tag);
            }
        }
        return e;
    }

    private Stream<ObjectNode> json(Stream<TimeEntry> stream) {
        Catalog.State s = catalog.state();
        return stream.map(e -> Json.tree(g -> TimeEntryJson.entry(g, e, s, false)));
    }

    private static <T> Stream<T> stream(Iterator<T> it) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static Instant seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
