package dev.togglsync.schema;

/**
 * The column types a stream can declare (DESIGN.md §5). Each value travels in a row as one Java
 * class, so that every target maps it in one exhaustive switch:
 *
 * <ul>
 *   <li>{@link #BIGINT}: {@link Long} (ids, counts, durations)
 *   <li>{@link #DOUBLE}: {@link Double} (rates, money)
 *   <li>{@link #BOOLEAN}: {@link Boolean}
 *   <li>{@link #TEXT}: {@link String}
 *   <li>{@link #TIMESTAMPTZ}: {@link java.time.Instant} (UTC)
 *   <li>{@link #DATE}: {@link java.time.LocalDate}
 *   <li>{@link #JSON}: {@link String} holding the JSON text of an array or object
 * </ul>
 *
 * A null value is SQL NULL for every type.
 */
public enum ColumnType {
    BIGINT,
    DOUBLE,
    BOOLEAN,
    TEXT,
    TIMESTAMPTZ,
    DATE,
    JSON
}
