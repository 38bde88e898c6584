package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The endpoints no recorded sample covers, held to Toggl's published OpenAPI (Swagger) definitions:
 * each file in toggl-openapi/ names its source next to the definition it copies. The Swagger sorts
 * properties and gives no example values, so this compares names and JSON types, not key order:
 * every key the simulator serves is declared, every declared key is served (unless the file says
 * why not), and every non-null value has the declared type.
 */
class OpenApiShapesTest {
    static Simulator sim;
    static Api api;

    @BeforeAll
    static void start() {
        sim = Simulator.start(Api.roomy());
        api = new Api(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"workspace_users.json", "tasks.json", "project_users.json"})
    void servedAsTheSpecDeclares(String file) {
        JsonNode spec = spec(file);
        assertThat(spec.get("source").asText()).as(file + " cites its source").contains("https://");
        String endpoint = spec.get("endpoint").asText();
        List<JsonNode> served = new ArrayList<>();
        for (JsonNode w : Api.json(api.get("/api/v9/me/workspaces"))) {
            HttpResponse<String> response = api.get(endpoint.replace("{wid}", w.get("id").asText()));
            assertThat(response.statusCode()).as(endpoint).isEqualTo(200);
            JsonNode body = Api.json(response);
            String items = spec.get("items").asText();
            if (!items.isEmpty()) {
                assertThat(types(body)).as(endpoint + " envelope").isEqualTo(declared(spec.get("envelope")));
                body = body.get(items);
            }
            body.forEach(served::add);
        }
        assertThat(served).as(endpoint + " served nothing to compare").isNotEmpty();

        Map<String, String> declared = declared(spec.get("properties"));
        TreeSet<String> expectedKeys = new TreeSet<>(declared.keySet());
        expectedKeys.removeAll(keys(spec.get("not_served")));
        for (JsonNode element : served) {
            assertThat(keys(element)).as(endpoint + ": keys served vs declared (less not_served)").isEqualTo(expectedKeys);
            for (String key : expectedKeys) {
                JsonNode value = element.get(key);
                if (!value.isNull()) {
                    assertThat(type(value)).as(endpoint + "." + key + " = " + value).isEqualTo(declared.get(key));
                }
            }
        }
    }

    /** The Swagger's JSON type of a value: integer, number, boolean, string, array, object. */
    private static String type(JsonNode n) {
        if (n.isIntegralNumber()) {
            return "integer";
        }
        if (n.isNumber()) {
            return "number";
        }
        return n.getNodeType().name().toLowerCase();
    }

    private static Map<String, String> types(JsonNode object) {
        Map<String, String> types = new java.util.TreeMap<>();
        object.fields().forEachRemaining(e -> types.put(e.getKey(), type(e.getValue())));
        return types;
    }

    private static Map<String, String> declared(JsonNode properties) {
        Map<String, String> types = new java.util.TreeMap<>();
        properties.fields().forEachRemaining(e -> types.put(e.getKey(), e.getValue().asText()));
        return types;
    }

    private static TreeSet<String> keys(JsonNode n) {
        TreeSet<String> keys = new TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        return keys;
    }

    private static JsonNode spec(String file) {
        try (InputStream in = OpenApiShapesTest.class.getResourceAsStream("/toggl-openapi/" + file)) {
            return Api.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
