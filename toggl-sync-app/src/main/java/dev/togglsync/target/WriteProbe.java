package dev.togglsync.target;

/**
 * What {@link Target#checkWritable} did to prove a load can write, so that {@code conns test}
 * says it in the target's own terms: a database created and dropped a table, a folder of files got
 * a probe file written and removed. A record of a closed kind rather than a sentence, so the words
 * live in the command and the JSON output can name the place alone.
 *
 * @param kind what was written and removed
 * @param where the schema or folder it happened in
 */
public record WriteProbe(Kind kind, String where) {
    /** The closed set of ways a target proves it can be written. */
    public enum Kind {
        /** A table created, written and dropped in a rolled-back transaction, in schema {@code where}. */
        TABLE_IN_SCHEMA,
        /** A file written and deleted in folder {@code where}. */
        FILE_IN_FOLDER,
        /** Nothing to probe: standard output ({@code where} is "stdout"). */
        NOTHING
    }

    public static WriteProbe tableIn(String schema) {
        return new WriteProbe(Kind.TABLE_IN_SCHEMA, schema);
    }

    public static WriteProbe fileIn(String folder) {
        return new WriteProbe(Kind.FILE_IN_FOLDER, folder);
    }
}
