package io.tradeflow.gateway.botsfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.gateway.GatewayFixture;
import io.tradeflow.gateway.Http;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bots file edited while the gateway runs: added, changed, removed, invalid and broken (devstack). */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = GatewayFixture.class, restrictToAnnotatedClass = false)
class BotsFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ADMIN = Map.of("X-API-Key", GatewayFixture.ADMIN_KEY);

    @TestHTTPResource("/")
    URL base;

    static String bot(String botId, int fast, int slow, String extra) {
        return """
                  - botId: %s
                    symbol: BTCUSDT
                    interval: 1m
                    strategy:
                      type: sma-crossover
                      params: {fast: %d, slow: %d}
                    risk: {marginPerTrade: 100.50, leverage: 10}
                    venue: PAPER
                %s""".formatted(botId, fast, slow, extra);
    }

    @AfterEach
    void flat() {
        GatewayFixture.holding(0);
    }

    @Test
    void theFileIsAppliedOnEveryChangeAndABrokenOneChangesNothing() throws Exception {
        JsonNode status = write("bots:\n" + bot("file-one", 5, 20, "") + bot("file-two", 8, 30, "    running: false\n"));
        assertThat(outcomes(status)).containsEntry("file-one", "created").containsEntry("file-two", "created");
        JsonNode one = bot("file-one");
        assertThat(one.get("status").asText()).as("a file bot runs by default").isEqualTo("RUNNING");
        assertThat(one.get("managedBy").asText()).isEqualTo("file");
        assertThat(one.get("marginPerTrade").asText()).as("a YAML number is read as its text").isEqualTo("100.50");
        assertThat(bot("file-two").get("status").asText()).isEqualTo("STOPPED");

        assertThat(Http.send(base, "DELETE", "/api/v1/bots/file-one", null, ADMIN).statusCode())
                .as("the file owns it").isEqualTo(409);
        assertThat(Http.send(base, "POST", "/api/v1/bots/file-one/stop", "", ADMIN).statusCode()).isEqualTo(200);
        status = write("bots:\n" + bot("file-one", 5, 20, "") + bot("file-two", 8, 30, "    running: false\n")
                + "# a comment changes the checksum, not an entry\n");
        assertThat(outcomes(status)).containsEntry("file-one", "unchanged");
        assertThat(bot("file-one").get("status").asText()).as("stopped over the REST, its entry unchanged")
                .isEqualTo("STOPPED");

        status = write("bots:\n" + bot("file-one", 6, 20, "") + bot("file-three", 9, 40, ""));
        assertThat(outcomes(status)).containsEntry("file-one", "updated").containsEntry("file-two", "removed")
                .containsEntry("file-three", "created");
        assertThat(bot("file-one").get("params").get("fast").asText()).isEqualTo("6");
        assertThat(bot("file-one").get("status").asText()).as("its entry changed: the file's status again")
                .isEqualTo("RUNNING");
        assertThat(Http.send(base, "GET", "/api/v1/bots/file-two", null, ADMIN).statusCode()).isEqualTo(404);

        status = write("bots:\n" + bot("file-one", 6, 20, "") + bot("file-three", 50, 40, "")
                + bot("file-four", 5, 20, "    levrage: 3\n"));
        assertThat(outcomes(status)).containsEntry("file-one", "unchanged").containsEntry("file-three", "invalid")
                .containsEntry("file-four", "invalid");
        assertThat(error(status, "file-three").get("field").asText()).startsWith("strategy.params.");
        assertThat(error(status, "file-four").get("field").asText()).isEqualTo("levrage");
        assertThat(bot("file-three").get("params").get("fast").asText()).as("an invalid entry keeps the last valid")
                .isEqualTo("9");
        assertThat(Http.send(base, "GET", "/api/v1/bots/file-four", null, ADMIN).statusCode()).isEqualTo(404);

        status = write("bots:\n  - botId: file-one\n    symbol: [unclosed\n");
        assertThat(status.get("error").asText()).contains("line");
        assertThat(bot("file-one").get("status").asText()).as("a broken file stops no bot").isEqualTo("RUNNING");
        assertThat(bot("file-three").get("status").asText()).isEqualTo("RUNNING");

        GatewayFixture.holding(1);
        status = write("bots: []\n");
        assertThat(status.get("error").isNull()).isTrue();
        assertThat(outcomes(status)).as("removed bots that hold a position close it first")
                .containsEntry("file-one", "closing").containsEntry("file-three", "closing");
        assertThat(bot("file-one").get("status").asText()).isEqualTo("STOPPED");
        assertThat(bot("file-one").get("closePosition").asBoolean()).isTrue();
        GatewayFixture.holding(0);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.send(base, "GET", "/api/v1/bots/file-one", null, ADMIN).statusCode() == 404
                        && Http.send(base, "GET", "/api/v1/bots/file-three", null, ADMIN).statusCode() == 404);
    }

    /** Writes the file and waits until the gateway has read this content; its status. */
    private JsonNode write(String content) throws Exception {
        Files.writeString(GatewayFixture.BOTS_FILE, content);
        String checksum = BotsFileParser.checksum(content.getBytes(StandardCharsets.UTF_8));
        JsonNode[] status = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            status[0] = JSON.readTree(Http.send(base, "GET", "/api/v1/config/status", null, ADMIN).body());
            return checksum.equals(status[0].path("checksum").asText());
        });
        return status[0];
    }

    private JsonNode bot(String botId) throws Exception {
        var response = Http.send(base, "GET", "/api/v1/bots/" + botId, null, ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, String> outcomes(JsonNode status) {
        Map<String, String> outcomes = new HashMap<>();
        status.get("bots").forEach(entry -> outcomes.put(entry.get("botId").asText(), entry.get("outcome").asText()));
        return outcomes;
    }

    private static JsonNode error(JsonNode status, String botId) {
        for (JsonNode entry : status.get("bots")) {
            if (entry.get("botId").asText().equals(botId)) {
                return entry.get("errors").get(0);
            }
        }
        throw new AssertionError("no entry " + botId + " in " + status);
    }
}
