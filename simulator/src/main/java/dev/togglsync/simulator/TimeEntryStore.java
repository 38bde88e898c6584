package dev.togglsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * All time entries: the generated ones (never stored) plus a small overlay of entries that tests
 * changed or added. Iteration merges the two in the API's newest-start-first order; a generated
 * entry whose id is in the overlay is skipped, so the overlay's version wins wherever it now sorts.
 */
final class TimeEntryStore {
    /** Newest start first; among equal starts the larger (newer) id first. */
    static final Comparator<TimeEntry> NEWEST_FIRST =
            Comparator.comparing(TimeEntry::start).thenComparingLong(TimeEntry::id).reversed();

    /** Immutable; replaced as a whole on every change so iterators in flight keep a consistent view. */
    private record Overlay(Map<Long, TimeEntry> byId, NavigableMap<TimeEntry, TimeEntry> ordered) {}

    private final TimeEntryGenerator generator;
    private volatile Overlay overlay = new Overlay(Map.of(), Collections.emptyNavigableMap());
    private long nextId;

    TimeEntryStore(TimeEntryGenerator generator) {
        this.generator = generator;
        this.nextId = generator.nextFreeId();
    }

    int generatedCount() {
        return generator.size();
    }

    Optional<TimeEntry> find(long id) {
        TimeEntry changed = overlay.byId().get(id);
        if (changed != null) {
            return Optional.of(changed);
        }
        return generator.indexOf(id).map(generator::entry);
    }

    synchronized long newId() {
        long id = nextId;
        nextId += 4;
        return id;
    }

    /** Stores a changed or added entry (the caller has set its {@code at}). */
    synchronized void put(TimeEntry e) {
        Overlay old = overlay;
        Map<Long, TimeEntry> byId = new HashMap<>(old.byId());
        TreeMap<TimeEntry, TimeEntry> ordered = new TreeMap<>(NEWEST_FIRST);
        ordered.putAll(old.ordered());
        TimeEntry previous = byId.put(e.id(), e);
        if (previous != null) {
            ordered.remove(previous);
        }
        ordered.put(e, e);
        overlay = new Overlay(Map.copyOf(byId), Collections.unmodifiableNavigableMap(ordered));
    }

    /**
     * Entries with {@code from <= start < to} (either bound may be null), deleted ones included,
     * newest first or oldest first.
     */
    Iterator<TimeEntry> startedIn(Instant from, Instant to, boolean newestFirst) {
        Overlay o = overlay;
        int lo = to == null ? 0 : generator.firstStartedBefore(to);
        int hi = from == null ? generator.size() : generator.firstStartedBefore(from);
        List<TimeEntry> changed = o.ordered().keySet().stream()
                .filter(e -> (from == null || !e.start().isBefore(from)) && (to == null || e.start().isBefore(to)))
                .toList();
        return merge(generated(lo, hi, newestFirst, o, e -> true), changed, newestFirst);
    }

    /** Entries whose {@code at} is at or after {@code since}, deleted ones included, newest start first. */
    Iterator<TimeEntry> modifiedSince(Instant since) {
        Overlay o = overlay;
        // A generated entry's at is at most MAX_DURATION + MAX_EDIT_LAG after its start, so older starts can be skipped.
        Instant earliestStart = since.minus(TimeEntryGenerator.MAX_DURATION).minus(TimeEntryGenerator.MAX_EDIT_LAG);
        int hi = generator.firstStartedBefore(earliestStart);
        Predicate<TimeEntry> modified = e -> !e.at().isBefore(since);
        List<TimeEntry> changed = o.ordered().keySet().stream().filter(modified).toList();
        return merge(generated(0, hi, true, o, modified), changed, true);
    }

    /** The running entry (the newest if a test added several), if any and not deleted. */
    Optional<TimeEntry> current() {
        Overlay o = overlay;
        Optional<TimeEntry> generatedRunning = generator.size() == 0 || o.byId().containsKey(generator.id(0))
                ? Optional.empty()
                : Optional.of(generator.entry(0)).filter(TimeEntry::running);
        return Stream.concat(o.ordered().keySet().stream(), generatedRunning.stream())
                .filter(e -> e.running() && !e.deleted())
                .min(NEWEST_FIRST);
    }

    private Iterator<TimeEntry> generated(int lo, int hi, boolean newestFirst, Overlay o, Predicate<TimeEntry> keep) {
        Iterator<Integer> indexes = newestFirst
                ? IntStream.range(lo, hi).iterator()
                : IntStream.range(lo, hi).map(i -> hi - 1 - (i - lo)).iterator();
        // Entries changed by a test live in the overlay; their generated originals are skipped.
        Iterator<Integer> unchanged = TimeEntriesHandler.filter(indexes, i -> !o.byId().containsKey(generator.id(i)));
        Iterator<TimeEntry> entries = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return unchanged.hasNext();
            }

            @Override
            public TimeEntry next() {
                return generator.entry(unchanged.next());
            }
        };
        return TimeEntriesHandler.filter(entries, keep);
    }

    private static Iterator<TimeEntry> merge(Iterator<TimeEntry> generated, List<TimeEntry> changedNewestFirst,
            boolean newestFirst) {
        List<TimeEntry> changed = newestFirst ? changedNewestFirst : reversed(changedNewestFirst);
        Comparator<TimeEntry> order = newestFirst ? NEWEST_FIRST : NEWEST_FIRST.reversed();
        return new Iterator<>() {
            private TimeEntry a = generated.hasNext() ? generated.next() : null;
            private int b = 0;

            @Override
            public boolean hasNext() {
                return a != null || b < changed.size();
            }

            @Override
            public TimeEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (b < changed.size() && (a == null || order.compare(changed.get(b), a) < 0)) {
                    return changed.get(b++);
                }
                TimeEntry e = a;
                a = generated.hasNext() ? generated.next() : null;
                return e;
            }
        };
    }

    private static List<TimeEntry> reversed(List<TimeEntry> list) {
        List<TimeEntry> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
