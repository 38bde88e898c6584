package dev.togglsync.http;

import dev.togglsync.testing.FakeServer;
import dev.togglsync.testing.RecordingSleeper;
import dev.togglsync.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.togglsync.ExitCode;
import dev.togglsync.Version;
import dev.togglsync.Secret;
import dev.togglsync.TogglSyncException;
import dev.togglsync.testing.FakeServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP rules of DESIGN.md §7, over real HTTP against {@link FakeServer}, with a fake sleeper. */
class ApiClientTest {
    private static final Secret TOKEN = Secret.of("tok3n-5ecret-0123456789abcdef");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final BodyReader<JsonNode> TREE = MAPPER::readTree;
    /** So many requests per second that pacing never waits: these tests are about the other waits. */
    static final double UNPACED = 1e12;
    private static final Request ME = Request.get("/api/v9/me", QuotaBucket.USER);
    private static final Request PROJECTS = Request.get("/api/v9/workspaces/7/projects", QuotaBucket.organization(70))
            .with("active", "both").with("page", 1);

    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T12:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final FakeServer server = FakeServer.start();
    private final List<String> waits = new ArrayList<>();
    private final List<RequestEvent> events = new ArrayList<>();
    private ApiClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private ApiClient client() {
        return client(UNPACED, Duration.ofHours(1), Duration.ofSeconds(10));
    }

    private ApiClient client(double rate, Duration maxQuotaWait, Duration requestTimeout) {
        HttpListener listener = new HttpListener() {
            @Override
            public void requestSent(RequestEvent event) {
                events.add(event);
            }

            @Override
            public void waiting(String reason, Duration duration) {
                waits.add(duration.toSeconds() + " s: " + reason);
            }
        };
        client = new ApiClient(new HttpSettings(server.baseUrl(), TOKEN, rate, maxQuotaWait,
                Duration.ofSeconds(2), requestTimeout, clock, sleeper, listener));
        return client;
    }

    @Test
    void sendsBasicAuthWithTheTokenAndOurUserAgent() {
        server.enqueue("/api/v9/me", Reply.json("{\"id\":1}"));

        JsonNode me = client().execute(ME, TREE);

        assertThat(me.get("id").asLong()).isEqualTo(1);
        FakeServer.Recorded sent = server.requests().get(0);
        String expected = Base64.getEncoder().encodeToString((TOKEN.reveal() + ":api_token").getBytes(StandardCharsets.UTF_8));
        assertThat(sent.header("Authorization")).isEqualTo("Basic " + expected);
        assertThat(sent.header("User-Agent")).isEqualTo("toggl-sync/" + Version.get());
        assertThat(sent.target()).isEqualTo("/api/v9/me");
        assertThat(client.requests()).isEqualTo(1);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.target()).isEqualTo("/api/v9/me");
            assertThat(e.bucket()).isEqualTo(QuotaBucket.USER);
            assertThat(e.bucket().label()).isEqualTo("user");
        });
    }

    @Test
    void backsOffTenTwentyFortyEightySecondsThenFailsWithMethodPathStatusAndBody() {
        server.enqueue("/api/v9/workspaces/7/projects", Reply.of(503, "\"Service Unavailable\""));

        assertThatThrownBy(() -> client().execute(PROJECTS, TREE))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.exitCode()).isEqualTo(ExitCode.STREAMS_FAILED);
                })
                .hasMessage("GET /api/v9/workspaces/7/projects?active=both&page=1: HTTP 503: Service Unavailable;"
                        + " gave up after 5 attempts over 150 s");
        assertThat(sleeper.seconds()).containsExactly(10L, 20L, 40L, 80L);
        assertThat(server.requests()).hasSize(5);
        assertThat(waits).first().asString()
                .isEqualTo("10 s: HTTP 503 on GET /api/v9/workspaces/7/projects?active=both&page=1, attempt 2 of 5 next");
    }

    @Test
    void retryAfterInSecondsWinsOverTheBackoff() {
        server.enqueue("/api/v9/me", Reply.of(429, "").header("Retry-After", 3), Reply.json("{\"id\":1}"));

        assertThat(client().execute(ME, TREE).get("id").asInt()).isEqualTo(1);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aRetryAfterLongerThanMaxQuotaWaitStopsResumablyInsteadOfSleepingForYears() {
        server.enqueue("/api/v9/me", Reply.of(429, "").header("Retry-After", 999_999_999), Reply.json("{\"id\":1}"));

        assertThatThrownBy(() -> client(UNPACED, Duration.ofMinutes(10), Duration.ofSeconds(10)).execute(ME, TREE))
                .isInstanceOf(QuotaExhaustedException.class)
                .hasMessage("GET /api/v9/me: HTTP 429 with Retry-After 999999999 s, longer than max_quota_wait (600 s)"
                        + " allows; streams finished so far are committed: rerun after 2056-11-07T13:46:39Z to resume")
                .extracting(e -> ((TogglSyncException) e).exitCode()).isEqualTo(ExitCode.QUOTA_EXHAUSTED);
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void retryAfterAsAnHttpDateIsCountedFromTheClock() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(42).atOffset(ZoneOffset.UTC));
        server.enqueue("/api/v9/me", Reply.of(503, "").header("Retry-After", date), Reply.json("{}"));

        client().execute(ME, TREE);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(42));
    }

    @Test
    void aQuotaAtZeroWaitsForItsResetBeforeTheNextRequestInsteadOfProvokingA402() {
        Instant resetsAt = clock.instant().plusSeconds(1200);
        // The server refuses (402) any request that arrives before the reset: proof that none did.
        server.on("/api/v9/workspaces/7/projects", r -> clock.instant().isBefore(resetsAt)
                ? Reply.json("[]").header("X-Toggl-Quota-Remaining", 0).header("X-Toggl-Quota-Resets-In", 1200)
                : Reply.json("[1]").header("X-Toggl-Quota-Remaining", 599).header("X-Toggl-Quota-Resets-In", 3600));
        server.enqueue("/api/v9/me", Reply.json("{}").header("X-Toggl-Quota-Remaining", 25));
        ApiClient api = client();

        assertThat(api.execute(PROJECTS, TREE)).isEmpty();
        api.execute(ME, TREE); // another bucket: no wait
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(api.execute(PROJECTS.with("page", 2), TREE)).hasSize(1);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1200));
        assertThat(server.requests()).hasSize(3);
        assertThat(waits).singleElement().asString().isEqualTo(
                "1200 s: Toggl's hourly quota of organization 70 is used up (0 requests left); waiting for its reset");
    }

    @Test
    void aQuota402WaitsResetsInAndSendsAgain() {
        server.enqueue("/api/v9/workspaces/7/projects",
                Reply.of(402, "\"You have hit your hourly limit for API calls.\"")
                        .header("X-Toggl-Quota-Remaining", 0).header("X-Toggl-Quota-Resets-In", 600),
                Reply.json("[{\"id\":5}]"));

        JsonNode projects = client().execute(PROJECTS, TREE);

        assertThat(projects.get(0).get("id").asInt()).isEqualTo(5);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(600));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aQuota402WithoutResetsInAsksTheQuotaEndpointForItsBucket() {
        server.enqueue("/api/v9/workspaces/7/projects", Reply.of(402, "\"Quota exceeded\""), Reply.json("[]"));
        server.enqueue("/api/v9/me/quota", Reply.json("""
                [{"organization_id": 69, "remaining": 5, "resets_in_secs": 10, "total": 30},
                 {"organization_id": 70, "remaining": 0, "resets_in_secs": 1834, "total": 30},
                 {"organization_id": null, "remaining": 29, "resets_in_secs": 3511, "total": 30}]"""));

        client().execute(PROJECTS, TREE);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1834));
        assertThat(server.targets()).containsExactly(
                "/api/v9/workspaces/7/projects?active=both&page=1", "/api/v9/me/quota",
                "/api/v9/workspaces/7/projects?active=both&page=1");
    }

    @Test
    void aQuota402OnAMePathWithoutResetsInWaitsForTheUserBucketTheQuotaEndpointLists() {
        server.enqueue("/api/v9/me", Reply.of(402, "\"Quota exceeded\""), Reply.json("{}"));
        server.enqueue("/api/v9/me/quota", Reply.json("""
                [{"organization_id": 70, "remaining": 0, "resets_in_secs": 1834, "total": 30},
                 {"organization_id": null, "remaining": 0, "resets_in_secs": 3511, "total": 30}]"""));

        client().execute(ME, TREE);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3511));
        assertThat(server.targets()).containsExactly("/api/v9/me", "/api/v9/me/quota", "/api/v9/me");
    }

    @Test
    void aQuotaWaitLongerThanMaxQuotaWaitStopsResumablyNamingTheBucketAndTheReset() {
        server.enqueue("/api/v9/workspaces/7/projects", Reply.of(402, "\"hourly quota exceeded\"")
                .header("X-Toggl-Quota-Remaining", 0).header("X-Toggl-Quota-Resets-In", 2400));

        assertThatThrownBy(() -> client(UNPACED, Duration.ofMinutes(30), Duration.ofSeconds(10)).execute(PROJECTS, TREE))
                .isInstanceOfSatisfying(QuotaExhaustedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.QUOTA_EXHAUSTED);
                    assertThat(e.bucket()).isEqualTo(QuotaBucket.organization(70));
                    assertThat(e.bucket().label()).isEqualTo("org:70");
                    assertThat(e.resetsAt()).isEqualTo(Instant.parse("2025-03-01T12:40:00Z"));
                })
                .hasMessage("Toggl's hourly quota of organization 70 is used up until 2025-03-01T12:40:00Z (2400 s from now),"
                        + " longer than max_quota_wait (1800 s) allows; streams finished so far are committed:"
                        + " rerun after 2025-03-01T12:40:00Z to resume");
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void aQuota402ThatOutlastsItsResetsStopsResumablyInsteadOfLooping() {
        server.enqueue("/api/v9/me", Reply.of(402, "\"hourly quota exceeded\"")
                .header("X-Toggl-Quota-Remaining", 0).header("X-Toggl-Quota-Resets-In", 60));

        assertThatThrownBy(() -> client().execute(ME, TREE))
                .isInstanceOf(QuotaExhaustedException.class)
                .hasMessage("Toggl's user-level hourly quota (the /me requests) is still used up after 2 waits for its reset;"
                        + " it now says it resets at 2025-03-01T12:03:00Z; streams finished so far are committed:"
                        + " rerun after 2025-03-01T12:03:00Z to resume");
        assertThat(sleeper.seconds()).containsExactly(60L, 60L);
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void aFeature402IsNotRetried() {
        server.enqueue("/api/v9/workspaces/7/tasks", Reply.of(402, "\"Workspace needs to have this feature enabled\"")
                .header("X-Toggl-Quota-Remaining", 17).header("X-Toggl-Quota-Resets-In", 100));

        assertThatThrownBy(() -> client().execute(Request.get("/api/v9/workspaces/7/tasks", QuotaBucket.organization(70)), TREE))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(402);
                    assertThat(e.body()).isEqualTo("Workspace needs to have this feature enabled");
                })
                .hasMessage("GET /api/v9/workspaces/7/tasks: HTTP 402: Workspace needs to have this feature enabled");
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void quotaAndFeature402sAreToldApart() {
        assertThat(is402Quota("\"Approvals are a premium feature\"", null)).isFalse();
        assertThat(is402Quota("\"Workspace needs to have the timesheets feature enabled.\"", 0L)).isFalse();
        assertThat(is402Quota("\"You've used 42 / 30 requests from user specific requests quota\"", null)).isTrue();
        assertThat(is402Quota("\"Hourly limit reached\"", null)).isTrue();
        assertThat(is402Quota("\"Workspace has reached the project limit of the Free plan\"", null)).isFalse();
        assertThat(is402Quota("", 0L)).isTrue();
        assertThat(is402Quota("", 12L)).isFalse();
        assertThat(is402Quota("", null)).isFalse();
    }

    private static boolean is402Quota(String body, Long remaining) {
        java.util.Map<String, List<String>> headers = remaining == null ? java.util.Map.of()
                : java.util.Map.of("X-Toggl-Quota-Remaining", List.of(remaining.toString()));
        Response r = new Response(402, headers, java.io.InputStream.nullInputStream());
        return QuotaGate.isQuota402(r, body);
    }

    @Test
    void unauthorizedAndForbiddenAreNotRetried() {
        server.enqueue("/api/v9/me", Reply.of(401, "").header("X-Authorization-Missing", "true"));
        server.enqueue("/api/v9/workspaces/7/projects", Reply.of(403, "\"User does not have access to this resource.\""));
        ApiClient api = client();

        assertThatThrownBy(() -> api.execute(ME, TREE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessage("GET /api/v9/me: HTTP 401 with an empty body");
        assertThatThrownBy(() -> api.execute(PROJECTS, TREE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessage("GET /api/v9/workspaces/7/projects?active=both&page=1: HTTP 403: User does not have access to this resource.");
        assertThat(server.requests()).hasSize(2);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void aBadRequestIsNotRetriedAndItsJsonStringBodyIsUnquoted() {
        server.enqueue("/api/v9/me/time_entries", Reply.of(400, "\"start_date must not be earlier than 2026-06-05\""));

        assertThatThrownBy(() -> client().execute(Request.get("/api/v9/me/time_entries", QuotaBucket.USER).with("start_date", "2026-06-01"), TREE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.body()).isEqualTo("start_date must not be earlier than 2026-06-05"))
                .hasMessage("GET /api/v9/me/time_entries?start_date=2026-06-01: HTTP 400: start_date must not be earlier than 2026-06-05");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aTruncatedBodyIsRetriedAndThenSucceeds() {
        String body = "[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\"},{\"id\":3,\"name\":\"c\"}]";
        server.enqueue("/api/v9/workspaces/7/projects", Reply.json(body).truncated(), Reply.json(body));

        assertThat(client().execute(PROJECTS, TREE)).hasSize(3);

        assertThat(sleeper.seconds()).containsExactly(10L);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aBodyThatStaysTruncatedFailsClearlyAfterFiveAttempts() {
        server.enqueue("/api/v9/workspaces/7/projects", Reply.json("[{\"id\":1,\"name\":\"a\"},{\"id\":2}]").truncated());

        assertThatThrownBy(() -> client().execute(PROJECTS, TREE))
                .isInstanceOf(ApiException.class)
                .hasMessage("GET /api/v9/workspaces/7/projects?active=both&page=1: HTTP 200 whose body broke off"
                        + " (EOFException: the connection closed after 15 of 30 bytes); gave up after 5 attempts over 150 s");
        assertThat(server.requests()).hasSize(5);
    }

    @Test
    void anHtml503IsRetriedThenReportedWithABodyExcerptOfAtMost200Characters() {
        String html = "<html><head><title>503 Service Temporarily Unavailable</title></head><body>"
                + "<center><h1>503 Service Temporarily Unavailable</h1></center>" + "<!-- padding -->".repeat(40) + "</body></html>";
        server.enqueue("/api/v9/me", Reply.of(503, html).header("Content-Type", "text/html"));

        assertThatThrownBy(() -> client().execute(ME, TREE))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.body()).hasSize(200).startsWith("<html><head><title>503 Service").endsWith("...");
                    assertThat(e.getMessage()).isEqualTo("GET /api/v9/me: HTTP 503: " + e.body() + "; gave up after 5 attempts over 150 s");
                });
        assertThat(server.requests()).hasSize(5);
    }

    @Test
    void anHtmlPageWithStatus200IsNotTheExpectedJsonAndIsRetried() {
        server.enqueue("/api/v9/me", Reply.of(200, "<html>maintenance</html>"), Reply.json("{\"id\":3}"));

        assertThat(client().execute(ME, TREE).get("id").asInt()).isEqualTo(3);
        assertThat(sleeper.seconds()).containsExactly(10L);
    }

    @Test
    void aBodyThatIsNeverJsonFailsNamingTheParseError() {
        server.enqueue("/api/v9/me", Reply.of(200, "<html>maintenance</html>"));

        assertThatThrownBy(() -> client().execute(ME, TREE))
                .hasMessageStartingWith("GET /api/v9/me: HTTP 200 with a body that is not the expected JSON (JsonParseException: Unexpected character ('<'")
                .hasMessageEndingWith("; gave up after 5 attempts over 150 s");
    }

    @Test
    void aRefusedConnectionIsRetriedThenReported() {
        java.net.URI dead = server.baseUrl();
        server.close();
        client = new ApiClient(new HttpSettings(dead, TOKEN, UNPACED, Duration.ofHours(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), clock, sleeper, HttpListener.NONE));

        assertThatThrownBy(() -> client.execute(ME, TREE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isZero())
                .hasMessageStartingWith("GET /api/v9/me: no response (ConnectException")
                .hasMessageEndingWith("; gave up after 5 attempts over 150 s");
        assertThat(sleeper.seconds()).containsExactly(10L, 20L, 40L, 80L);
        assertThat(client.requests()).isEqualTo(5);
    }

    @Test
    void aBodyThatStallsIsAbandonedAfterTheRequestTimeoutAndRetried() {
        String body = "[" + "{\"id\":1},".repeat(200) + "{\"id\":2}]";
        server.enqueue("/api/v9/me", Reply.json(body).stalled(), Reply.json(body));

        long start = System.nanoTime();
        JsonNode all = client(UNPACED, Duration.ofHours(1), Duration.ofMillis(300)).execute(ME, TREE);

        assertThat(all).hasSize(201);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(sleeper.seconds()).containsExactly(10L);
    }

    @Test
    void pacingSpacesRequestStartsByOneOverRate() {
        server.enqueue("/api/v9/me", Reply.json("{}"));
        ApiClient api = client(2, Duration.ofHours(1), Duration.ofSeconds(10));

        api.execute(ME, TREE);
        api.execute(ME, TREE);
        clock.advance(Duration.ofSeconds(5)); // idle time counts: no wait after it
        api.execute(ME, TREE);
        api.execute(ME, TREE);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void errorMessagesAndExcerptsNeverCarryTheToken() {
        server.enqueue("/api/v9/me", Reply.of(403, "\"bad token " + TOKEN.reveal() + "\""));

        assertThatThrownBy(() -> client().execute(ME, TREE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.body()).isEqualTo("bad token ****"))
                .message().doesNotContain(TOKEN.reveal());
    }

    @Test
    void logsEachRequestAtFineUnderDevTogglsyncHttp() {
        Logger logger = Logger.getLogger("dev.togglsync.http");
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(handler);
        try {
            server.enqueue("/api/v9/me", Reply.of(503, ""), Reply.json("{}"));
            client().execute(ME, TREE);
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(before);
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("FINE GET /api/v9/me -> 503 in \\d+ ms");
        assertThat(lines.get(1)).isEqualTo("FINE HTTP 503 on GET /api/v9/me, attempt 2 of 5 next in 10 s");
        assertThat(lines.get(2)).matches("FINE GET /api/v9/me -> 200 in \\d+ ms");
    }
}
