package dev.togglsync.toggl;

import dev.togglsync.Printable;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Which field names the API sends beyond the declared schema may become columns. A name is
 * remote data: it must make a column in every target (PostgreSQL cuts identifiers at 63 bytes and
 * folds nothing, DuckDB compares names ignoring case, both refuse an empty one) and must not pass
 * for one of ours. A table cannot grow without bound either (PostgreSQL stops at 1,600 columns).
 * A field refused here is not lost: it goes into the {@value #EXTRA_COLUMN} JSON column.
 */
final class NewFields {
    /** Holds, as one JSON object per row, the new fields that could not be columns of their own. */
    static final String EXTRA_COLUMN = "_extra";
    static final int MAX_NEW_COLUMNS = 200;
    static final int MAX_NAME_BYTES = 63;
    /** Column names toggl-sync adds itself (_toggl_sync_loaded_at, _toggl_sync_deleted_at, its state table). */
    static final String RESERVED_PREFIX = "_toggl_sync_";

    private NewFields() {}

    /** Why {@code field} cannot be a new column of {@code schema} by its name, or empty when it can. */
    static Optional<String> refusal(String field, TableSchema schema) {
        if (field.isEmpty()) {
            return Optional.of("an empty name is no column name");
        }
        if (Printable.hasControl(field)) {
            return Optional.of("the name holds control characters");
        }
        if (field.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return Optional.of("the name is longer than " + MAX_NAME_BYTES + " bytes, which PostgreSQL would cut");
        }
        String lower = field.toLowerCase(Locale.ROOT);
        if (lower.startsWith(RESERVED_PREFIX) || lower.equals(EXTRA_COLUMN)) {
            return Optional.of("names starting with " + RESERVED_PREFIX + " (and " + EXTRA_COLUMN + ") are toggl-sync's own");
        }
        for (Column c : schema.columns()) {
            if (c.name().toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of("it differs from column \"" + c.name() + "\" only in case, which DuckDB cannot tell apart");
            }
        }
        return Optional.empty();
    }

    /** The one warning when a stream reaches {@value #MAX_NEW_COLUMNS} new columns. */
    static String capReached(String stream, String field) {
        return stream + ": Toggl sent more new fields than the " + MAX_NEW_COLUMNS + " columns toggl-sync adds to a"
                + " table; \"" + Printable.of(field) + "\" and every further new field are kept in the " + EXTRA_COLUMN
                + " JSON column";
    }

    /** The warning for a field kept in {@value #EXTRA_COLUMN}; the name is shown without its control characters. */
    static String keptInExtra(String stream, String field, String why) {
        return stream + ": Toggl sent a new field \"" + Printable.of(field) + "\" that cannot be a column (" + why
                + "); its values are kept in the " + EXTRA_COLUMN + " JSON column";
    }
}
