package dev.togglsync.config;

import dev.togglsync.Printable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one function through which a connection name or URL written by a user is echoed (in a
 * message, a log line, a table of {@code conns list}): a command's argument may be a database URL
 * with a password, possibly malformed, so the masking cannot rely on the URL parsing.
 */
public final class Masking {
    /** Query parameters whose values are shown; any other value could be a secret (password=...). */
    private static final List<String> SHOWN_PARAMETERS = List.of("sslmode", "sslrootcert");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:/");
    private static final String MASK = "****";

    private Masking() {}

    /**
     * {@code nameOrUrl} safe to print: the password of any user info ({@code user:password@},
     * with or without a well-formed scheme) and the value of any query parameter but sslmode and
     * sslrootcert become {@code ****}; control characters become {@code ?}. A plain name is
     * returned unchanged.
     */
    public static String connection(String nameOrUrl) {
        if (nameOrUrl == null) {
            return null;
        }
        String s = Printable.of(nameOrUrl);
        int at = s.lastIndexOf('@');
        int hostStart = 0;
        if (at >= 0) {
            int userStart = userInfoStart(s, at);
            String userInfo = s.substring(userStart, at);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                s = s.substring(0, userStart) + userInfo.substring(0, colon + 1) + MASK + s.substring(at);
                at = s.lastIndexOf('@');
            }
            hostStart = at + 1;
        }
        int q = s.indexOf('?', hostStart);
        return q < 0 ? s : s.substring(0, q + 1) + maskQuery(s.substring(q + 1));
    }

    /** After {@code scheme://} (or {@code scheme:/}, a slash short); from the start when there is no scheme. */
    private static int userInfoStart(String s, int at) {
        int scheme = s.indexOf("://");
        if (scheme >= 0 && scheme < at) {
            return scheme + 3;
        }
        var m = SCHEME.matcher(s);
        return m.find() && m.end() <= at ? m.end() - 1 : 0;
    }

    private static String maskQuery(String query) {
        StringBuilder out = new StringBuilder();
        for (String param : query.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            if (eq < 0) {
                // A bare word may be a value pasted without its key: show only that something is there.
                out.append(SHOWN_PARAMETERS.contains(key) ? key : MASK);
            } else {
                out.append(key).append('=').append(SHOWN_PARAMETERS.contains(key) ? param.substring(eq + 1) : MASK);
            }
        }
        return out.toString();
    }
}
