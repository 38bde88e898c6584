package dev.togglsync.engine;

import java.util.List;

/**
 * One stream's outcome in {@link Engine#checkSource}.
 *
 * @param ok records arrived and decoded (or the stream has none)
 * @param records records read before the check stopped
 * @param more the read stopped at {@value #RECORDS} records: there are more
 * @param requests requests the check of this stream sent
 * @param notes the source's warnings for the stream
 * @param error why the stream failed, or null when {@code ok}
 */
public record StreamCheck(String stream, boolean ok, long records, boolean more, long requests, List<String> notes,
        String error) {
    /** A check reads at most this many records of a stream: enough to show they arrive and decode. */
    public static final int RECORDS = 10;

    public StreamCheck {
        notes = List.copyOf(notes);
    }
}
