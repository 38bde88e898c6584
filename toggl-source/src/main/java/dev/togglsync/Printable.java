package dev.togglsync;

/**
 * Text from outside (an API's field names and error bodies, a URL typed by a user) made safe for a
 * terminal: a control character could move the cursor, rewrite earlier lines or set the window
 * title (an ANSI escape starts with ESC, 0x1B). Each is shown as {@code ?} so that the reader sees
 * something was there.
 */
public final class Printable {
    private Printable() {}

    /**
     * {@code text} with every control character (C0, DEL, C1; line breaks too) replaced by
     * {@code ?}, except TAB: it moves the cursor only to the next tab stop, and stack traces indent
     * with it.
     */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) && c != '\t') {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('?');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** C0 controls, DEL and the C1 controls (0x80-0x9F, of which 0x9B is a one-byte CSI). */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    public static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
