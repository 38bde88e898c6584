package dev.togglsync.toggl;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * How many requests a windowed stream (report_time_entries) expects to send, as {@code run
 * --dry-run} shows it: windows × pages, the pages from the rows stored last time when there are any.
 */
public sealed interface RequestEstimate permits RequestEstimate.PagesUnknown, RequestEstimate.FromStoredRows {
    /** Windows to read: per workspace when nothing is stored yet, else for the stored workspaces together. */
    long windows();

    /** Requests expected in all; empty when the pages are unknown. */
    OptionalLong requests();

    /** The estimate in words, with what it was counted from. */
    String describe();

    /**
     * No row counts to go by: the windows are known, their pages are not. For example before the
     * first run, from history_start 2023-03-10 to 2026-03-10: 3 windows per workspace, so at least 3
     * requests per workspace, one more per further page.
     *
     * @param windows the windows (per workspace when {@code perWorkspace}, else for the stored workspaces together)
     * @param perWorkspace whether the workspaces are still unknown (nothing stored)
     * @param reason why the pages are unknown, in words ("first run")
     */
    record PagesUnknown(long windows, boolean perWorkspace, String reason) implements RequestEstimate {
        @Override
        public OptionalLong requests() {
            return OptionalLong.empty();
        }

        @Override
        public String describe() {
            String each = perWorkspace ? " per workspace" : "";
            return count(windows, "window") + each + " × pages unknown (" + reason + "): at least " + windows + each
                    + ", one more per further page";
        }
    }

    /**
     * From the stored progress: per workspace and window, the rows stored last time divided by the
     * page size the server honoured, at least one request a window. For example 2 workspaces, 8
     * windows, 5,210 rows in pages of 200: 29 requests when a full re-read, 8 + the rescan's pages
     * when an incremental run finds nothing changed.
     *
     * @param workspaces the workspaces with stored progress (one added since is not counted)
     * @param windows windows to read in all
     * @param expected requests expected in all
     * @param rows the rows the pages were counted from
     * @param pageSize the largest page size the server honoured (per workspace the pages use that workspace's)
     */
    record FromStoredRows(int workspaces, long windows, long expected, long rows, long pageSize) implements RequestEstimate {
        @Override
        public OptionalLong requests() {
            return OptionalLong.of(expected);
        }

        @Override
        public String describe() {
            return "about " + count(expected, "request") + " (" + count(windows, "window") + " in " + count(workspaces, "workspace")
                    + ", pages from the " + String.format(Locale.ROOT, "%,d", rows) + " rows stored last time, "
                    + String.format(Locale.ROOT, "%,d", pageSize) + " a page)";
        }
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
