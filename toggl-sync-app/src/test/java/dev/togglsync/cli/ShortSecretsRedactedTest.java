package dev.togglsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 18, finding 9: a secret shorter than four characters was left in log lines; now none is. */
class ShortSecretsRedactedTest {
    @Test
    void secretsOfAnyLengthAreScrubbedLongestFirst() {
        Logging.redact("q7");
        Logging.redact("xq7zq7long");
        assertThat(Logging.scrub("password q7 and token xq7zq7long")).isEqualTo("password **** and token ****");
        Logging.redact("");
        assertThat(Logging.scrub("nothing to hide")).isEqualTo("nothing to hide");
    }

    @Test
    void controlCharactersNeverReachALine() {
        assertThat(Logging.scrub("field \"a\u001b[31mb\" and\nforged line")).isEqualTo("field \"a?[31mb\" and?forged line");
        assertThat(Logging.scrubLines("trace\n\tat x\u001b[2J")).isEqualTo("trace" + System.lineSeparator() + "\tat x?[2J");
    }
}
