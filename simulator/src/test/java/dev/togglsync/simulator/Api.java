package dev.togglsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain JDK HTTP client pointed at one simulator: what the tests use to talk to it over loopback. */
final class Api {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final Simulator sim;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Api(Simulator sim) {
        this.sim = sim;
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).header("Authorization", sim.authorizationHeader()).GET());
    }

    HttpResponse<String> getWithAuthorization(String pathAndQuery, String authorization) {
        return send(request(pathAndQuery).header("Authorization", authorization).GET());
    }

    HttpResponse<String> getWithoutAuthorization(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Authorization", sim.authorizationHeader())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    HttpClient client() {
        return http;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** Config for tests whose subject is not the quota: buckets large enough never to run dry. */
    static SimulatorConfig roomy() {
        return SimulatorConfig.defaults().withQuota(1_000_000);
    }
}
