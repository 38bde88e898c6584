package dev.togglsync.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The armed fault rules of one simulator; thread-safe. Each rule counts its own matching requests. */
public final class FaultRules {
    private static final class Armed {
        final FaultRule rule;
        int seen;
        int fired;

        Armed(FaultRule rule) {
            this.rule = rule;
        }
    }

    private final List<Armed> armed = new ArrayList<>();

    public synchronized FaultRules add(FaultRule rule) {
        armed.add(new Armed(rule));
        return this;
    }

    public synchronized void clear() {
        armed.clear();
    }

    /** How many times {@code rule} (as added) has fired so far. */
    public synchronized int fired(FaultRule rule) {
        return armed.stream().filter(a -> a.rule.equals(rule)).mapToInt(a -> a.fired).sum();
    }

    /** Counts the request against every matching rule; the first rule (in order added) that fires wins. */
    synchronized Optional<Fault> pick(String method, String path) {
        Fault chosen = null;
        for (Armed a : armed) {
            if (a.rule.matches(method, path)) {
                a.seen++;
                if (chosen == null && a.rule.firesOn(a.seen)) {
                    a.fired++;
                    chosen = a.rule.fault();
                }
            }
        }
        return Optional.ofNullable(chosen);
    }
}
