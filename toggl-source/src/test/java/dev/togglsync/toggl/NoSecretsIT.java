package dev.togglsync.toggl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.Secret;

import dev.togglsync.http.HttpListener;
import dev.togglsync.http.RequestEvent;
import dev.togglsync.schema.StreamSpec;
import dev.togglsync.simulator.Fault;
import dev.togglsync.simulator.FaultRule;
import dev.togglsync.simulator.ManualClock;
import dev.togglsync.simulator.Simulator;
import dev.togglsync.simulator.SimulatorConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * A whole run, failures included, with every log line of {@code dev.togglsync} captured at ALL,
 * every exception message (causes too), warning and progress event: none carries the token.
 */
class NoSecretsIT {
    private static final String WRONG_TOKEN = "wr0ng-t0ken-0123456789abcdef";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
    private final List<String> seen = new ArrayList<>();

    @Test
    void noLogLineMessageWarningOrEventCarriesTheToken() {
        Logger root = Logger.getLogger("dev.togglsync");
        Level before = root.getLevel();
        SimpleFormatter formatter = new SimpleFormatter();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (seen) {
                    seen.add(formatter.format(record));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        capture.setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(capture);
        boolean parents = root.getUseParentHandlers();
        root.setUseParentHandlers(false); // keep the build output quiet; the capture sees everything
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withClock(clock).withQuota(200, 200, 5).withTimeEntries(300, 0))) {
            sim.faults().add(FaultRule.on("/api/v9/me", Fault.truncatedBody()));
            sim.faults().add(FaultRule.on("/api/v9/me/workspaces", Fault.connectionReset()));
            sim.faults().add(FaultRule.on("/api/v9/workspaces/*/projects", Fault.tooManyRequests(Duration.ofSeconds(3))));
            sim.faults().add(FaultRule.on("/api/v9/workspaces/*/clients", Fault.serviceUnavailable()));

            runAll(sim, sim.token(), Duration.ofHours(2)); // with retries and a quota wait
            runAll(sim, WRONG_TOKEN, Duration.ofHours(2)); // refused
            sim.faults().add(FaultRule.on("/api/v9/me/time_entries", Fault.internalServerError()).always());
            runAll(sim, sim.token(), Duration.ofSeconds(1)); // quota exhausted, 500s that outlast the retries

            if (Boolean.getBoolean("show.log")) {
                seen.forEach(System.out::print);
            }
            assertThat(seen).anySatisfy(l -> assertThat(l).contains("GET /api/v9/me -> 200"));
            assertThat(seen).anySatisfy(l -> assertThat(l).contains("Toggl refused the API token"));
            assertThat(seen).anySatisfy(l -> assertThat(l).contains("is used up"));
            for (String secret : List.of(sim.token(), WRONG_TOKEN)) {
                String basic = Base64.getEncoder().encodeToString((secret + ":api_token").getBytes(StandardCharsets.UTF_8));
                assertThat(seen).allSatisfy(line -> assertThat(line).doesNotContain(secret).doesNotContain(basic));
            }
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
            root.setUseParentHandlers(parents);
        }
    }

    /** Every stream, as the engine would: failures are logged (with their causes) and the run goes on. */
    private void runAll(Simulator sim, String token, Duration maxQuotaWait) {
        Logger engine = Logger.getLogger("dev.togglsync.test-engine");
        HttpListener listener = new HttpListener() {
            @Override
            public void requestSent(RequestEvent event) {
                engine.fine(event.toString());
            }

            @Override
            public void waiting(String reason, Duration duration) {
                engine.fine(reason + " " + duration);
            }
        };
        TogglAccount connection = new TogglAccount("TOGGL_TRACK", Secret.of(token), Optional.empty(),
                URI.create(sim.baseUrl()), 1e12, maxQuotaWait, List.of());
        try (TogglSource source = new TogglSource(connection, SourceOptions.defaults().withClock(clock)
                .withSleeper(clock::advance).withListener(listener))) {
            for (StreamSpec s : TogglStream.specs()) {
                try {
                    StreamResult r = source.read(s, ReadRequest.incremental(Optional.empty()), new CollectingSink(s.schema()));
                    engine.info(s.name() + ": " + r);
                } catch (RuntimeException e) {
                    engine.log(Level.WARNING, s.name() + " failed: " + e.getMessage(), e);
                }
            }
        }
    }
}
