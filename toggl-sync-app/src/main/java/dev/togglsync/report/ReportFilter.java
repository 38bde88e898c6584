package dev.togglsync.report;

import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which entries a report counts: those starting on or after {@code from} and on or before
 * {@code to} (whole days in the account's time zone), in one workspace when given.
 */
public record ReportFilter(Optional<LocalDate> from, Optional<LocalDate> to, OptionalLong workspace) {
    public static final ReportFilter ALL = new ReportFilter(Optional.empty(), Optional.empty(), OptionalLong.empty());

    public ReportFilter {
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw dev.togglsync.TogglSyncException.invalidInput("--to " + to.get() + " is before --from " + from.get()
                    + "; give a range whose end is on or after its start");
        }
    }
}
