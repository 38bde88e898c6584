package dev.togglsync.simulator;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * When to inject a {@link Fault}: requests whose path matches {@code pathGlob} ({@code *} = within
 * one path segment, {@code **} = anything; the query is not matched) and, optionally, the method
 * are counted; the rule fires on the {@code firstOccurrence}-th match and the {@code times - 1}
 * matches after it.
 *
 * <pre>{@code
 * sim.faults().add(FaultRule.on("/api/v9/workspaces/*\/projects", Fault.serviceUnavailable())
 *         .fromOccurrence(2).times(3));
 * }</pre>
 */
public record FaultRule(String pathGlob, String method, int firstOccurrence, int times, Fault fault) {
    public static final int ALWAYS = Integer.MAX_VALUE;

    public FaultRule {
        Objects.requireNonNull(pathGlob, "pathGlob");
        Objects.requireNonNull(fault, "fault");
        if (!pathGlob.startsWith("/")) {
            throw new IllegalArgumentException("fault rule: path glob must start with '/', got '" + pathGlob + "'");
        }
        if (firstOccurrence < 1 || times < 1) {
            throw new IllegalArgumentException("fault rule: firstOccurrence and times must be >= 1");
        }
    }

    /** Fires once, on the first matching request. */
    public static FaultRule on(String pathGlob, Fault fault) {
        return new FaultRule(pathGlob, null, 1, 1, fault);
    }

    public FaultRule fromOccurrence(int n) {
        return new FaultRule(pathGlob, method, n, times, fault);
    }

    public FaultRule times(int n) {
        return new FaultRule(pathGlob, method, firstOccurrence, n, fault);
    }

    public FaultRule always() {
        return times(ALWAYS);
    }

    public FaultRule forMethod(String httpMethod) {
        return new FaultRule(pathGlob, httpMethod, firstOccurrence, times, fault);
    }

    boolean matches(String requestMethod, String path) {
        return (method == null || method.equalsIgnoreCase(requestMethod)) && regex().matcher(path).matches();
    }

    boolean firesOn(int occurrence) {
        return occurrence >= firstOccurrence && occurrence - firstOccurrence < times;
    }

    private Pattern regex() {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pathGlob.length(); i++) {
            char c = pathGlob.charAt(i);
            if (c == '*' && i + 1 < pathGlob.length() && pathGlob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
