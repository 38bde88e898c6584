package dev.togglsync.report;

import java.util.Set;

/**
 * Where the synced streams live in the target: one schema, and which of the tables the report
 * reads exist there ({@code time_entries} always does, or there is nothing to report).
 */
record ReportTables(String schema, Set<String> present, String stateSchema, boolean statePresent) {
    static final String TIME_ENTRIES = "time_entries";
    static final String PROJECTS = "projects";
    static final String CLIENTS = "clients";
    static final String ME = "me";
    static final String REPORT_TIME_ENTRIES = "report_time_entries";
    /** The targets' state table (target.StateTable.NAME); spelled here so the report needs no target code. */
    static final String STATE = "_toggl_sync_state";
    static final Set<String> READ = Set.of(TIME_ENTRIES, PROJECTS, CLIENTS, ME, REPORT_TIME_ENTRIES);

    boolean has(String table) {
        return present.contains(table);
    }

    /** {@code "schema"."table"}. */
    String qualified(String table) {
        return quote(schema) + "." + quote(table);
    }

    String state() {
        return quote(stateSchema) + "." + quote(STATE);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
