package dev.togglsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An error body is remote text: before it reaches a message it loses the token and every control character. */
class BodiesTest {
    @Test
    void anEscapeSequenceInAnErrorBodyNeverReachesTheTerminal() {
        Bodies bodies = new Bodies(Secret.of("tok3n"));
        String body = "\"Workspace \\u001b[2J\\u001b]0;owned\\u0007not found \\u009b31m tok3n\"";

        String excerpt = bodies.excerpt(body.getBytes(StandardCharsets.UTF_8));

        assertThat(excerpt).isEqualTo("Workspace ?[2J?]0;owned?not found ?31m ****");
    }

    @Test
    void aRawTextBodyLosesItsControlCharactersToo() {
        Bodies bodies = new Bodies(Secret.of("tok3n"));
        assertThat(bodies.excerpt("<h1>bad\u001b[31m gateway</h1>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("<h1>bad?[31m gateway</h1>");
    }
}
