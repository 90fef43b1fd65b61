package io.tradeflow.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.gateway.FakeService;
import io.tradeflow.gateway.Http;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The query endpoints against a fake position-service and execution-service (one JDK HttpServer playing both, with
 * their real bodies' shapes, {@link Bodies}): parameters reach the service as sent, bodies come back unchanged, CSV
 * holds exactly the JSON's trades, a 4xx is passed on, and a 5xx or a service that does not answer is a 503 naming it.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@TestProfile(QueryProxyTest.FakeDownstreams.class)
@TestSecurity(user = "test", roles = {"viewer", "trader"})
public class QueryProxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeService fake;

    /** Both services at one free port, where the test starts its fake; a short timeout for the hanging case. */
    public static class FakeDownstreams implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = "http://127.0.0.1:" + FakeService.freePort();
            return Map.of("tradeflow.gateway.services.position-service.url", url,
                    "tradeflow.gateway.services.execution-service.url", url,
                    "tradeflow.gateway.query.timeout", "1s");
        }
    }

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "tradeflow.gateway.services.position-service.url")
    String url;

    @BeforeEach
    void fake() {
        if (fake == null) {
            fake = FakeService.start(FakeService.portOf(url));
        }
    }

    @AfterAll
    static void stop() {
        if (fake != null) {
            fake.close();
            fake = null;
        }
    }

    @Test
    void positionsPassParametersOnAndTheBodyBack() throws Exception {
        fake.answer("GET", "/api/v1/positions", 200, "application/json", Bodies.POSITIONS);
        var answer = get("/api/v1/positions?botId=btc-paper&symbol=BTCUSDT&status=open&from=1700000000000"
                + "&to=1700090000000&page=1&size=1", Map.of());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(Bodies.POSITIONS);
        assertThat(lastQuery("/api/v1/positions")).containsExactlyInAnyOrder("botId=btc-paper", "symbol=BTCUSDT",
                "status=open", "from=1700000000000", "to=1700090000000", "page=1", "size=1");

        fake.answer("GET", "/api/v1/positions/pos-paper-BTCUSDT-1", 200, "application/json", "{\"positionId\":"
                + "\"pos-paper-BTCUSDT-1\"}");
        assertThat(get("/api/v1/positions/pos-paper-BTCUSDT-1", Map.of()).body()).contains("pos-paper-BTCUSDT-1");

        assertThat(get("/api/v1/positions?status=open", Map.of()).statusCode()).isEqualTo(200);
        assertThat(lastQuery("/api/v1/positions")).as("absent parameters are left out").containsExactly("status=open");
    }

    @Test
    void tradesAsCsvAreTheJsonTradesRowByRow() throws Exception {
        fake.answer("GET", "/api/v1/trades", 200, "application/json", Bodies.TRADES);
        var json = get("/api/v1/trades?botId=btc-paper&positionId=pos-1&from=1&to=2&page=0&size=3", Map.of());
        assertThat(json.body()).isEqualTo(Bodies.TRADES);
        assertThat(lastQuery("/api/v1/trades")).containsExactlyInAnyOrder("botId=btc-paper", "positionId=pos-1",
                "from=1", "to=2", "page=0", "size=3");

        var byAccept = get("/api/v1/trades?botId=btc-paper", Map.of("Accept", "text/csv"));
        var byFormat = get("/api/v1/trades?botId=btc-paper&format=csv", Map.of("Accept", "application/json"));
        assertThat(byAccept.statusCode()).as(byAccept.body()).isEqualTo(200);
        assertThat(byAccept.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/csv"));
        assertThat(byFormat.body()).isEqualTo(byAccept.body());
        assertThat(lastQuery("/api/v1/trades")).as("format is the gateway's").containsExactly("botId=btc-paper");

        List<List<String>> rows = Rfc4180.parse(byAccept.body());
        JsonNode items = JSON.readTree(Bodies.TRADES).get("items");
        List<String> header = rows.getFirst();
        Set<String> fields = new HashSet<>();
        items.get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(header).as("a column per JSON field").containsExactlyInAnyOrderElementsOf(fields);
        assertThat(rows).hasSize(items.size() + 1);
        for (int i = 0; i < items.size(); i++) {
            List<String> expected = new ArrayList<>();
            for (String column : header) {
                JsonNode value = items.get(i).get(column);
                expected.add(value.isNull() ? "" : value.asText());
            }
            assertThat(rows.get(i + 1)).as("row %d", i).containsExactlyElementsOf(expected);
        }
        assertThat(byAccept.body()).contains("\"manual, \"\"reversal\"\"\"").contains(",35567.20,")
                .contains(",-1.00000000,");
    }

    @Test
    void aClientErrorOfTheServiceIsPassedOn() throws Exception {
        String problem = Bodies.problem(400, "Invalid request", "size must be between 1 and 500, was 0", "size");
        fake.answer("GET", "/api/v1/trades", 400, "application/problem+json", problem);
        var refused = get("/api/v1/trades?size=0&format=csv", Map.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo(problem);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        var unknown = get("/api/v1/positions/pos-none", Map.of());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("the fake has no answer for /api/v1/positions/pos-none");

        int before = fake.requests().size();
        var notANumber = get("/api/v1/positions?from=yesterday", Map.of());
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notANumber.body()).get("field").asText()).isEqualTo("from");
        assertThat(JSON.readTree(get("/api/v1/trades?format=xml", Map.of()).body()).get("field").asText())
                .isEqualTo("format");
        assertThat(fake.requests()).as("refused before any call").hasSize(before);
    }

    @Test
    void aFailingOrSilentServiceIsA503NamingIt() throws Exception {
        fake.answer("GET", "/api/v1/bots/broken/statistics", 500, "application/problem+json",
                Bodies.problem(500, "Internal Server Error", "database is gone", null));
        var failed = get("/api/v1/bots/broken/stats", Map.of());
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(failed.body()).get("detail").asText()).isEqualTo("position-service is unavailable at "
                + url + ": it answered 500 (database is gone)");

        fake.answerLate("GET", "/api/v1/bots/slow/halt", 3_000);
        var silent = get("/api/v1/bots/slow/halt", Map.of());
        assertThat(silent.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(silent.body()).get("detail").asText())
                .startsWith("execution-service is unavailable at " + url + ": no answer within 1000 ms");
    }

    @Test
    void botSubResourcesReachTheirServicesBesideTheBotsOwnPaths() throws Exception {
        fake.answer("GET", "/api/v1/bots/btc-paper/statistics", 200, "application/json", Bodies.STATISTICS)
                .answer("GET", "/api/v1/bots/btc-paper/equity", 200, "application/json", Bodies.EQUITY)
                .answer("GET", "/api/v1/statistics", 200, "application/json", Bodies.STATISTICS)
                .answer("GET", "/api/v1/orders", 200, "application/json", Bodies.ORDERS)
                .answer("GET", "/api/v1/bots/btc-paper/halt", 200, "application/json", Bodies.HALT)
                .answer("GET", "/api/v1/halts", 200, "application/json", "[" + Bodies.HALT + "]")
                .answer("POST", "/api/v1/bots/btc-paper/resume", 200, "application/json",
                        "{\"botId\":\"btc-paper\",\"resumed\":true}");
        assertThat(get("/api/v1/bots/btc-paper/stats", Map.of()).body()).isEqualTo(Bodies.STATISTICS);
        assertThat(get("/api/v1/statistics", Map.of()).body()).isEqualTo(Bodies.STATISTICS);
        assertThat(get("/api/v1/bots/btc-paper/equity?from=1700000000000", Map.of()).body()).isEqualTo(Bodies.EQUITY);
        assertThat(lastQuery("/api/v1/bots/btc-paper/equity")).containsExactly("from=1700000000000");
        assertThat(get("/api/v1/orders?botId=btc-paper&status=FILLED&limit=2&offset=0", Map.of()).body())
                .isEqualTo(Bodies.ORDERS);
        assertThat(lastQuery("/api/v1/orders")).containsExactlyInAnyOrder("botId=btc-paper", "status=FILLED",
                "limit=2", "offset=0");
        assertThat(get("/api/v1/bots/btc-paper/halt", Map.of()).body()).isEqualTo(Bodies.HALT);
        assertThat(get("/api/v1/halts", Map.of()).body()).isEqualTo("[" + Bodies.HALT + "]");
        var resumed = Http.send(base, "POST", "/api/v1/bots/btc-paper/resume", null, Map.of());
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(fake.requests()).contains(new FakeService.Request("POST", "/api/v1/bots/btc-paper/resume", null));
        var notHalted = get("/api/v1/bots/calm/halt", Map.of());
        assertThat(notHalted.statusCode()).as("execution-service's 404 (not halted) passed on").isEqualTo(404);

        // rest.BotResource's paths under /api/v1/bots/{botId} still reach it (its own problem, not a routing 404/405).
        var unknownBot = get("/api/v1/bots/no-such-bot", Map.of());
        assertThat(unknownBot.statusCode()).isEqualTo(404);
        assertThat(unknownBot.body()).contains("no-such-bot");
        assertThat(Http.send(base, "POST", "/api/v1/bots/no-such-bot/start", "", Map.of()).body())
                .contains("no-such-bot");
        assertThat(get("/api/v1/bots", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    @TestSecurity(user = "watcher", roles = "viewer")
    void aViewerMayNotResume() {
        assertThat(Http.send(base, "POST", "/api/v1/bots/btc-paper/resume", null, Map.of()).statusCode())
                .isEqualTo(403);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        return Http.send(base, "GET", path, null, headers);
    }

    /** The query parameters of the last request the fake got for {@code path}. */
    private static List<String> lastQuery(String path) {
        String query = fake.requests().stream().filter(r -> r.path().equals(path)).reduce((a, b) -> b)
                .orElseThrow().query();
        return query == null ? List.of() : List.of(query.split("&"));
    }
}
