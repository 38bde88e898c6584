package dev.togglsync.target.file;

import dev.togglsync.TogglSyncException;
import dev.togglsync.target.TableName;
import java.nio.file.Path;

/**
 * Where one stream's files go inside the target folder, from the object as configured. An object
 * whose last part is a format's extension names the file: {@code time_entries.parquet},
 * {@code raw/time_entries.csv}. Any other object is read as {@code schema.table}, the way the
 * replication examples name database tables, and becomes {@code schema/table.parquet}: the four
 * Sling examples ({@code object: toggl.{stream_name}}) run unchanged into a folder.
 *
 * @param stem the path without extension, relative to the folder: {@code time_entries}, {@code toggl/projects}
 */
record FileObject(String stem, FileFormat format) {
    static final FileFormat DEFAULT_FORMAT = FileFormat.PARQUET;

    /**
     * The object of {@code table} (which the planner split at the object's first dot) in {@code folder}.
     *
     * @param where the target, for the message when the object leaves the folder
     */
    static FileObject of(TableName table, Path folder, String where) {
        String schema = table.schema();
        String last = table.table();
        FileObject object = schema.isEmpty()
                ? new FileObject(last, DEFAULT_FORMAT)
                : FileFormat.byExtension(last).map(f -> new FileObject(schema, f))
                        .orElseGet(() -> new FileObject(schema + "/" + last, DEFAULT_FORMAT));
        Path resolved = folder.resolve(object.stem()).normalize();
        if (object.stem().startsWith("/") || !resolved.startsWith(folder.normalize()) || resolved.equals(folder.normalize())) {
            throw TogglSyncException.invalidInput(where + ": object '" + table + "' leaves the target folder " + folder
                    + "; name a file inside it, for example {stream_name}.parquet");
        }
        return object;
    }

    /** The one file of full-refresh: {@code stem.ext}. */
    Path file(Path folder) {
        return folder.resolve(stem + "." + format.extension());
    }

    /** A file of the folder {@code stem/}, for the modes that add a file per run: {@code stem/prefix-ts.ext}. */
    Path runFile(Path folder, String prefix, String runTimestamp) {
        return folder.resolve(stem).resolve(prefix + "-" + runTimestamp + "." + format.extension());
    }
}
