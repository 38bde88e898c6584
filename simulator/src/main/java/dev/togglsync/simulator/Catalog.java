package dev.togglsync.simulator;

import dev.togglsync.simulator.Account.Organization;
import dev.togglsync.simulator.Account.User;
import dev.togglsync.simulator.Account.Workspace;
import dev.togglsync.simulator.Account.WorkspaceUser;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Everything but time entries: small (hundreds of records), so it is held whole. Readers take
 * an immutable {@link State}; each mutation copies the one map it changes and publishes a new
 * State, so a response being written never sees half a change.
 */
final class Catalog {
    /** One consistent view of the catalog; maps are keyed and ordered by id. */
    record State(
            User user,
            List<Organization> organizations,
            List<Workspace> workspaces,
            NavigableMap<Long, Project> projects,
            NavigableMap<Long, Client> clients,
            NavigableMap<Long, Tag> tags,
            NavigableMap<Long, Task> tasks,
            List<WorkspaceUser> workspaceUsers) {

        State {
            organizations = List.copyOf(organizations);
            workspaces = List.copyOf(workspaces);
            projects = Collections.unmodifiableNavigableMap(new TreeMap<>(projects));
            clients = Collections.unmodifiableNavigableMap(new TreeMap<>(clients));
            tags = Collections.unmodifiableNavigableMap(new TreeMap<>(tags));
            tasks = Collections.unmodifiableNavigableMap(new TreeMap<>(tasks));
            workspaceUsers = List.copyOf(workspaceUsers);
        }

        Optional<Workspace> workspace(long wid) {
            return workspaces.stream().filter(w -> w.id() == wid).findFirst();
        }

        Organization organization(long orgId) {
            return organizations.stream().filter(o -> o.id() == orgId).findFirst().orElseThrow();
        }

        List<Project> projects(long wid) {
            return projects.values().stream().filter(p -> p.workspaceId() == wid).toList();
        }

        List<Client> clients(long wid) {
            return clients.values().stream().filter(c -> c.workspaceId() == wid).toList();
        }

        /** Tags that exist (deleted ones are gone from the API, toggl-api.md §4.6). */
        List<Tag> tags(long wid) {
            return tags.values().stream().filter(t -> t.workspaceId() == wid && t.deletedAt() == null).toList();
        }

        List<Task> tasks(long wid) {
            return tasks.values().stream().filter(t -> t.workspaceId() == wid).toList();
        }

        List<WorkspaceUser> workspaceUsers(long wid) {
            return workspaceUsers.stream().filter(u -> u.wid() == wid).toList();
        }

        boolean tagExists(long id) {
            Tag t = tags.get(id);
            return t != null && t.deletedAt() == null;
        }
    }

    private volatile State state;
    private long nextProjectId = 209_000_000L;
    private long nextClientId = 64_900_000L;
    private long nextTagId = 16_900_000L;

    Catalog(State initial) {
        this.state = initial;
    }

    State state() {
        return state;
    }

    synchronized Project addProject(long wid, String name, Long clientId, Instant now, LocalDate today) {
        requireWorkspace(wid);
        if (clientId != null) {
            Client c = state.clients.get(clientId);
            if (c == null || c.workspaceId() != wid) {
                throw new IllegalArgumentException("simulator dataset: no client " + clientId + " in workspace " + wid);
            }
        }
        long id = nextProjectId;
        nextProjectId += 17;
        Project p = new Project(id, wid, clientId, name, false, true, now, now, CatalogGenerator.COLORS.get(0), false,
                null, null, today, 0, false);
        publish(s -> withProjects(s, put(s.projects, id, p)));
        return p;
    }

    synchronized Project updateProject(long id, UnaryOperator<Project> change, Instant now) {
        Project old = require(state.projects, id, "project");
        Project changed = change.apply(old);
        Project p = new Project(old.id(), old.workspaceId(), changed.clientId(), changed.name(), changed.isPrivate(),
                changed.active(), now, old.createdAt(), changed.color(), changed.billable(), changed.rate(),
                changed.currency(), changed.startDate(), changed.actualSeconds(), changed.pinned());
        publish(s -> withProjects(s, put(s.projects, id, p)));
        return p;
    }

    synchronized Client addClient(long wid, String name, Instant now) {
        requireWorkspace(wid);
        long id = nextClientId;
        nextClientId += 3;
        Client c = new Client(id, wid, false, name, now, state.user().id());
        publish(s -> new State(s.user, s.organizations, s.workspaces, s.projects, put(s.clients, id, c), s.tags,
                s.tasks, s.workspaceUsers));
        return c;
    }

    synchronized Client updateClient(long id, UnaryOperator<Client> change, Instant now) {
        Client old = require(state.clients, id, "client");
        Client changed = change.apply(old);
        Client c = new Client(old.id(), old.workspaceId(), changed.archived(), changed.name(), now, old.creatorId());
        publish(s -> new State(s.user, s.organizations, s.workspaces, s.projects, put(s.clients, id, c), s.tags,
                s.tasks, s.workspaceUsers));
        return c;
    }

    synchronized Tag addTag(long wid, String name, Instant now) {
        requireWorkspace(wid);
        long id = nextTagId;
        nextTagId += 5;
        Tag t = new Tag(id, wid, name, now, state.user().id(), null);
        publish(s -> withTags(s, put(s.tags, id, t)));
        return t;
    }

    synchronized Tag updateTag(long id, UnaryOperator<Tag> change, Instant now) {
        Tag old = require(state.tags, id, "tag");
        Tag t = new Tag(old.id(), old.workspaceId(), change.apply(old).name(), now, old.creatorId(), old.deletedAt());
        publish(s -> withTags(s, put(s.tags, id, t)));
        return t;
    }

    synchronized Tag deleteTag(long id, Instant now) {
        Tag t = require(state.tags, id, "tag").withAt(now).withDeletedAt(now);
        publish(s -> withTags(s, put(s.tags, id, t)));
        return t;
    }

    private void requireWorkspace(long wid) {
        if (state.workspace(wid).isEmpty()) {
            throw new IllegalArgumentException("simulator dataset: no workspace " + wid + "; workspaces are "
                    + state.workspaces.stream().map(w -> Long.toString(w.id())).toList());
        }
    }

    private static <T> T require(Map<Long, T> map, long id, String what) {
        T value = map.get(id);
        if (value == null) {
            throw new IllegalArgumentException("simulator dataset: no " + what + " with id " + id);
        }
        return value;
    }

    private void publish(Function<State, State> change) {
        state = change.apply(state);
    }

    private static <T> TreeMap<Long, T> put(NavigableMap<Long, T> map, long id, T value) {
        TreeMap<Long, T> copy = new TreeMap<>(map);
        copy.put(id, value);
        return copy;
    }

    private static State withProjects(State s, NavigableMap<Long, Project> projects) {
        return new State(s.user, s.organizations, s.workspaces, projects, s.clients, s.tags, s.tasks, s.workspaceUsers);
    }

    private static State withTags(State s, NavigableMap<Long, Tag> tags) {
        return new State(s.user, s.organizations, s.workspaces, s.projects, s.clients, tags, s.tasks, s.workspaceUsers);
    }
}
