package dev.togglsync.simulator;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The per-workspace lists: projects, clients, tags, tasks, workspace users (toggl-api.md §4.4–§4.8). */
final class WorkspaceHandlers {
    /** Without {@code per_page} Toggl silently returns only the first 151 projects (toggl-api.md §9.3). */
    static final int PROJECTS_DEFAULT_PER_PAGE = 151;
    static final int PROJECTS_MAX_PER_PAGE = 200;
    static final int TASKS_DEFAULT_PER_PAGE = 50;
    static final int TASKS_MAX_PER_PAGE = 200;
    static final int TAGS_DEFAULT_PER_PAGE = 200;

    private final Dataset dataset;

    WorkspaceHandlers(Dataset dataset) {
        this.dataset = dataset;
    }

    /** A bare array page; active projects only unless {@code active=false|both}. */
    void projects(Call call, long wid) throws IOException {
        Catalog.State s = dataset.catalog();
        Params.Activity active = Params.active(call);
        Optional<Instant> since = Params.unixSeconds(call, "since");
        int page = Params.positiveInt(call, "page", 1, Integer.MAX_VALUE);
        int perPage = Params.positiveInt(call, "per_page", PROJECTS_DEFAULT_PER_PAGE, PROJECTS_MAX_PER_PAGE);
        Comparator<Project> order = Comparator.comparing((Project p) -> p.name().toLowerCase(Locale.ROOT))
                .thenComparingLong(Project::id);
        if ("DESC".equalsIgnoreCase(call.param("sort_order").orElse("ASC"))) {
            order = order.reversed();
        }
        List<Project> page1 = page(s.projects(wid).stream()
                .filter(p -> active.keeps(p.active()))
                .filter(p -> since.isEmpty() || !p.at().isBefore(since.get()))
                .sorted(order), page, perPage);
        call.json(200, Json.array(page1, CatalogJson::project));
    }

    /** {@code status=active|archived|both}, default active; anything else is 400 "Client status is invalid". */
    void clients(Call call, long wid) throws IOException {
        Catalog.State s = dataset.catalog();
        String status = call.param("status").orElse("active");
        Params.Activity keep = switch (status) {
            case "active" -> Params.Activity.ACTIVE;
            case "archived" -> Params.Activity.INACTIVE;
            case "both" -> Params.Activity.BOTH;
            default -> throw ApiError.badRequest("Client status is invalid");
        };
        String name = call.param("name").map(n -> n.toLowerCase(Locale.ROOT)).orElse("");
        List<Client> clients = s.clients(wid).stream()
                .filter(c -> keep.keeps(!c.archived()))
                .filter(c -> c.name().toLowerCase(Locale.ROOT).contains(name))
                .sorted(Comparator.comparing((Client c) -> c.name().toLowerCase(Locale.ROOT)).thenComparingLong(Client::id))
                .toList();
        call.json(200, Json.array(clients, CatalogJson::client));
    }

    /** The whole list unless {@code page}/{@code per_page} are given (toggl-api.md §4.6). */
    void tags(Call call, long wid) throws IOException {
        Catalog.State s = dataset.catalog();
        Stream<Tag> tags = s.tags(wid).stream()
                .sorted(Comparator.comparing((Tag t) -> t.name().toLowerCase(Locale.ROOT)).thenComparingLong(Tag::id));
        List<Tag> list = call.param("page").isPresent() || call.param("per_page").isPresent()
                ? page(tags, Params.positiveInt(call, "page", 1, Integer.MAX_VALUE),
                        Params.positiveInt(call, "per_page", TAGS_DEFAULT_PER_PAGE, Integer.MAX_VALUE))
                : tags.toList();
        call.json(200, Json.array(list, CatalogJson::tag));
    }

    /** The one v9 list in an object envelope: {@code {data, page, per_page, sort_field, sort_order, total_count}}. */
    void tasks(Call call, long wid) throws IOException {
        Catalog.State s = dataset.catalog();
        Params.Activity active = Params.active(call);
        Optional<Instant> since = Params.unixSeconds(call, "since");
        int page = Params.positiveInt(call, "page", 1, Integer.MAX_VALUE);
        int perPage = Params.positiveInt(call, "per_page", TASKS_DEFAULT_PER_PAGE, TASKS_MAX_PER_PAGE);
        String sortField = call.param("sort_field").orElse("name");
        String sortOrder = call.param("sort_order").orElse("ASC").toUpperCase(Locale.ROOT);
        Comparator<Task> order = switch (sortField) {
            case "name" -> Comparator.comparing((Task t) -> t.name().toLowerCase(Locale.ROOT));
            case "created_at" -> Comparator.comparingLong(Task::id);
            default -> throw ApiError.badRequest("Invalid sort_field: expected name or created_at");
        };
        if (!sortOrder.equals("ASC") && !sortOrder.equals("DESC")) {
            throw ApiError.badRequest("Invalid sort_order: expected ASC or DESC");
        }
        order = order.thenComparingLong(Task::id);
        Optional<Long> pid = call.param("pid").map(raw -> {
            try {
                return Long.valueOf(raw);
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("Invalid pid");
            }
        });
        List<Task> matching = s.tasks(wid).stream()
                .filter(t -> active.keeps(t.active()))
                .filter(t -> since.isEmpty() || !t.at().isBefore(since.get()))
                .filter(t -> pid.isEmpty() || t.projectId() == pid.get())
                .sorted(sortOrder.equals("DESC") ? order.reversed() : order)
                .toList();
        List<Task> slice = page(matching.stream(), page, perPage);
        call.json(200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (Task t : slice) {
                CatalogJson.task(g, t, s);
            }
            g.writeEndArray();
            g.writeNumberField("page", page);
            g.writeNumberField("per_page", perPage);
            g.writeStringField("sort_field", sortField);
            g.writeStringField("sort_order", sortOrder);
            g.writeNumberField("total_count", matching.size());
            g.writeEndObject();
        });
    }

    void workspaceUsers(Call call, long wid) throws IOException {
        Catalog.State s = dataset.catalog();
        call.json(200, Json.array(s.workspaceUsers(wid), AccountJson::workspaceUser));
    }

    private static <T> List<T> page(Stream<T> sorted, int page, int perPage) {
        return sorted.skip((long) (page - 1) * perPage).limit(perPage).toList();
    }
}
