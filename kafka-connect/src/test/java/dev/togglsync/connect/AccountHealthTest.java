package dev.togglsync.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.togglsync.testing.TestClock;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** One account's failure inside a task: reported, isolated; the task fails only with its last account. */
class AccountHealthTest {
    private final Outbox outbox = new Outbox(8);
    private final AccountHealth health = new AccountHealth("toggl", List.of("acme", "globex"), "toggl.", outbox,
            new TestClock(Instant.parse("2026-12-07T10:00:00Z")));

    @Test
    void oneFailedAccountIsReportedOnTheStatusTopicAndTheTaskGoesOn() throws Exception {
        health.failed("acme", "account 'acme': Toggl refused the token (HTTP 401); check toggl.account.acme.api_token");

        List<SourceRecord> batch = outbox.drain();
        assertThat(batch).hasSize(1);
        SourceRecord status = batch.get(0);
        assertThat(status.topic()).isEqualTo("toggl._status");
        assertThat(status.key()).isEqualTo("acme");
        assertThat(status.sourcePartition()).as("a status moves no stream's offset").isNull();
        Struct value = (Struct) status.value();
        assertThat(value.getString("state")).isEqualTo("FAILED");
        assertThat(value.getString("connector")).isEqualTo("toggl");
        assertThat(value.getString("error")).contains("check toggl.account.acme.api_token");
        assertThat(outbox.drain()).as("globex still works: the task does not fail").isNull();
        assertThat(health.state("globex")).isEqualTo(AccountStatus.State.STARTING);
    }

    @Test
    void theTaskFailsWhenItsLastAccountFailsAfterTheStatusRecordsAreOut() throws Exception {
        health.failed("acme", "account 'acme': refused; check toggl.account.acme.api_token");
        health.failed("globex", "account 'globex': refused; check toggl.account.globex.api_token");

        assertThat(outbox.drain()).extracting(SourceRecord::key).containsExactly("acme", "globex");
        assertThatThrownBy(outbox::drain).isInstanceOf(ConnectException.class)
                .hasMessage("every account of this task failed: account 'acme': refused; check toggl.account.acme.api_token;"
                        + " account 'globex': refused; check toggl.account.globex.api_token");
    }

    @Test
    void runningIsReportedOnceWithTheFirstSuccessfulRead() {
        assertThat(health.readSucceeded("acme")).hasValueSatisfying(r -> assertThat(((Struct) r.value()).getString("state"))
                .isEqualTo("RUNNING"));
        assertThat(health.readSucceeded("acme")).isEmpty();
        assertThat(health.state("acme")).isEqualTo(AccountStatus.State.RUNNING);
    }
}
