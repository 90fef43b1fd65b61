package io.tradeflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.devstack.DevStackResource;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A few hundred generated bad bodies (truncated JSON, wrong types at every field, unknown fields, garbage, deep
 * nesting, huge numbers) sent to the bot endpoints: each is a 4xx problem naming what is wrong, never a 500.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = GatewayFixture.class, restrictToAnnotatedClass = false)
class BadBodiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = """
            {"botId": "fuzz-put", "name": "Fuzz", "market": "USD_M", "symbol": "BTCUSDT", "interval": "1m",
             "strategy": {"type": "sma-crossover", "params": {"fast": "5", "slow": "20"}},
             "risk": {"marginPerTrade": "100", "leverage": 10, "marginType": "ISOLATED", "maxOpenPositions": 1},
             "venue": "PAPER"}""";
    private static final List<String> FIELDS = List.of("botId", "name", "market", "symbol", "interval", "strategy",
            "strategy.type", "strategy.params", "strategy.params.fast", "risk", "risk.marginPerTrade",
            "risk.leverage", "risk.marginType", "risk.maxOpenPositions", "venue");
    private static final List<JsonNode> WRONG = List.of(JsonNodeFactory.instance.arrayNode().add(1),
            JsonNodeFactory.instance.objectNode().put("x", 1), JsonNodeFactory.instance.booleanNode(true),
            JsonNodeFactory.instance.textNode("not-a-value"), JsonNodeFactory.instance.numberNode(-1),
            JsonNodeFactory.instance.numberNode(new java.math.BigDecimal("1e400")));

    @TestHTTPResource("/")
    URL base;

    /** A body and the field its 400 must name (null: any, e.g. for syntax errors). */
    record Case(String body, String field) {
    }

    @Test
    void everyBadBodyIsA4xxProblemNeverA500() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (int end = 0; end < VALID.length() - 1; end += 3) {
            cases.add(new Case(VALID.substring(0, end), null));
        }
        for (String field : FIELDS) {
            for (JsonNode wrong : WRONG) {
                if (wrong.isTextual() && (field.equals("botId") || field.equals("name"))) {
                    continue; // any text is a valid id or name
                }
                ObjectNode body = (ObjectNode) JSON.readTree(VALID);
                set(body, field, wrong);
                cases.add(new Case(body.toString(), field));
            }
            ObjectNode unknown = (ObjectNode) JSON.readTree(VALID);
            ObjectNode parent = field.contains(".") ? (ObjectNode) at(unknown, field.substring(0, field.lastIndexOf('.')))
                    : unknown;
            if (parent != null && !field.startsWith("strategy.params")) {
                parent.put(field.substring(field.lastIndexOf('.') + 1) + "X", 1);
                cases.add(new Case(unknown.toString(), field + "X"));
            }
        }
        Random random = new Random(20261130);
        for (int i = 0; i < 60; i++) {
            byte[] garbage = new byte[1 + random.nextInt(200)];
            random.nextBytes(garbage);
            cases.add(new Case(new String(garbage, java.nio.charset.StandardCharsets.ISO_8859_1), null));
        }
        cases.add(new Case("[".repeat(5000) + "]".repeat(5000), null));
        cases.add(new Case("{\"botId\": \"" + "x".repeat(100_000) + "\"}", null));
        cases.add(new Case(VALID.replace("10,", "99999999999999999999999,"), "risk.leverage"));
        cases.add(new Case("null", null));
        cases.add(new Case("\"a string\"", null));
        cases.add(new Case("[]", null));
        cases.add(new Case("", null));
        cases.add(new Case(VALID.replace("\"fuzz-put\"", "\"fuzz put/#\""), "botId"));

        Map<String, String> trader = Map.of("X-API-Key", GatewayFixture.ADMIN_KEY, "If-Match", "\"1\"");
        // PUTs go to a bot that exists, so that the body is what decides (not a 404 of an unknown bot).
        assertThat(Http.send(base, "POST", "/api/v1/bots", VALID, trader)
                .statusCode()).isEqualTo(201);
        int refused = 0;
        for (Case c : cases) {
            for (String[] call : new String[][] {{"POST", "/api/v1/bots"}, {"PUT", "/api/v1/bots/fuzz-put"}}) {
                HttpResponse<String> response = Http.send(base, call[0], call[1], c.body(), trader);
                assertThat(response.statusCode()).as("%s %s\n%s\n-> %s", call[0], call[1], c.body(), response.body())
                        .isBetween(400, 499);
                assertThat(response.headers().firstValue("Content-Type")).as(c.body())
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                JsonNode problem = JSON.readTree(response.body());
                assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
                if (c.field() != null) {
                    assertThat(response.statusCode()).as("%s\n-> %s", c.body(), response.body()).isEqualTo(400);
                    assertThat(problem.path("field").asText()).as("%s\n-> %s", c.body(), response.body())
                            .startsWith(c.field());
                }
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(300);
    }

    private static void set(ObjectNode body, String field, JsonNode value) {
        int dot = field.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? body : (ObjectNode) at(body, field.substring(0, dot));
        parent.set(field.substring(dot + 1), value);
    }

    private static JsonNode at(JsonNode node, String path) {
        for (String part : path.split("\\.")) {
            node = node.get(part);
        }
        return node;
    }
}
