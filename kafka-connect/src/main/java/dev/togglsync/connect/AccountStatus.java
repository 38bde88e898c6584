package dev.togglsync.connect;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One account's state as an operator reads it on the status topic ({@code topic.prefix + "_status"},
 * keyed by the account name, so the latest record per key is the account's current state; a
 * compacted topic keeps just that). Connect reports status per task, not per account; this record
 * is how one failed account among healthy ones in the same task becomes visible.
 */
record AccountStatus(String connector, String account, State state, Optional<String> error, Instant at) {
    /** STARTING until the account's first read succeeds; FAILED is permanent until the task restarts. */
    enum State {
        STARTING,
        RUNNING,
        FAILED
    }

    static final String TOPIC_SUFFIX = "_status";
    static final Schema KEY_SCHEMA = Schema.STRING_SCHEMA;
    static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("dev.togglsync.connect.AccountStatus")
            .field("connector", Schema.STRING_SCHEMA)
            .field("account", Schema.STRING_SCHEMA)
            .field("state", Schema.STRING_SCHEMA)
            .field("error", Schema.OPTIONAL_STRING_SCHEMA)
            .field("at", Timestamp.SCHEMA)
            .build();

    /**
     * A record without source partition and offset: a status is not a position in Toggl's data,
     * so it must not move any stream's stored offset (and nothing reads it back on restart).
     */
    SourceRecord record(String topicPrefix) {
        Struct value = new Struct(VALUE_SCHEMA).put("connector", connector).put("account", account)
                .put("state", state.name()).put("error", error.orElse(null)).put("at", Date.from(at));
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(AccountReader.ACCOUNT_HEADER, account);
        return new SourceRecord(null, null, topicPrefix + TOPIC_SUFFIX, null, KEY_SCHEMA, account, VALUE_SCHEMA, value,
                at.toEpochMilli(), headers);
    }
}
