package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
    @ValueSource(strings = {"workspace_users.json", "tasks.json", "project_users.json", "organization_users.json", "groups.json",
            "report_time_entries.json"})
    void servedAsTheSpecDeclares(String file) {
        JsonNode spec = spec(file);
        assertThat(spec.get("source").asText()).as(file + " cites its source").contains("https://");
        String endpoint = spec.get("endpoint").asText();
        List<JsonNode> served = new ArrayList<>();
        for (String path : paths(endpoint)) {
            HttpResponse<String> response = spec.path("method").asText("GET").equals("POST")
                    ? api.post(path, body(spec.get("body")))
                    : api.get(path);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
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
        if (spec.has("also_served")) {
            // Keys a source other than the Swagger names (the file says which, in also_served_why).
            assertThat(spec.path("also_served_why").asText()).as(file + " says why also_served").isNotBlank();
            declared.putAll(declared(spec.get("also_served")));
        }
        compare(endpoint, served, declared, keys(spec.get("not_served")));

        // Arrays of objects inside each element, held to their own definitions.
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("nested").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> nested = it.next();
            List<JsonNode> inner = new ArrayList<>();
            served.forEach(element -> element.get(nested.getKey()).forEach(inner::add));
            assertThat(inner).as(endpoint + "." + nested.getKey() + "[] served nothing to compare").isNotEmpty();
            compare(endpoint + "." + nested.getKey() + "[]", inner, declared(nested.getValue().get("properties")),
                    keys(nested.getValue().get("not_served")));
        }
    }

    /** Every element's keys are the declared ones less notServed; every non-null value has the declared type. */
    private static void compare(String what, List<JsonNode> served, Map<String, String> declared, TreeSet<String> notServed) {
        TreeSet<String> expectedKeys = new TreeSet<>(declared.keySet());
        expectedKeys.removeAll(notServed);
        for (JsonNode element : served) {
            assertThat(keys(element)).as(what + ": keys served vs declared (less not_served)").isEqualTo(expectedKeys);
            for (String key : expectedKeys) {
                JsonNode value = element.get(key);
                if (!value.isNull()) {
                    assertThat(type(value)).as(what + "." + key + " = " + value).isEqualTo(declared.get(key));
                }
            }
        }
    }

    /** The endpoint once per workspace ({wid}) or organization ({oid}) of the account. */
    private static List<String> paths(String endpoint) {
        List<String> paths = new ArrayList<>();
        if (endpoint.contains("{oid}")) {
            for (JsonNode o : Api.json(api.get("/api/v9/me/organizations"))) {
                paths.add(endpoint.replace("{oid}", o.get("id").asText()));
            }
        } else {
            for (JsonNode w : Api.json(api.get("/api/v9/me/workspaces"))) {
                paths.add(endpoint.replace("{wid}", w.get("id").asText()));
            }
        }
        return paths;
    }

    /** A request body with {start} and {end} set to the 300 days up to the simulator's today. */
    private static String body(JsonNode template) {
        LocalDate today = LocalDate.ofInstant(sim.dataset().now(), ZoneOffset.UTC);
        return template.toString().replace("{start}", today.minusDays(300).toString()).replace("{end}", today.toString());
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
