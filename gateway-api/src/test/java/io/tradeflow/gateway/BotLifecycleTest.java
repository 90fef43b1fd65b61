package io.tradeflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Topics;
import io.tradeflow.devstack.DevStackResource;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bot's lifecycle over REST, stored in PostgreSQL and published on bots.v1 (devstack); position-service, asked
 * whether a bot holds a position before a delete, is played by {@link GatewayFixture#positionService}.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = GatewayFixture.class, restrictToAnnotatedClass = false)
class BotLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void flat() {
        GatewayFixture.holding(0);
    }

    @Test
    void aBotHoldingAPositionIsDeletedOnlyOnceItsPositionIsClosed() throws Exception {
        assertThat(send("POST", "/api/v1/bots", bot("gw-held", "5", "20"), null).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/bots/gw-held/start", "", null).statusCode()).isEqualTo(200);
        GatewayFixture.holding(1);
        var refused = send("DELETE", "/api/v1/bots/gw-held", null, null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("closePosition=true");

        var closing = send("DELETE", "/api/v1/bots/gw-held?closePosition=true", null, null);
        assertThat(closing.statusCode()).as(closing.body()).isEqualTo(202);
        assertThat(JSON.readTree(closing.body()).get("deleteRequested").asBoolean()).isTrue();
        BotDefinition last = published("gw-held").getLast();
        assertThat(last.status()).isEqualTo(BotStatus.STOPPED);
        assertThat(last.closePosition()).as("execution closes the position").isTrue();
        assertThat(send("POST", "/api/v1/bots/gw-held/start", "", null).statusCode()).isEqualTo(409);
        String version = JSON.readTree(closing.body()).get("version").asText();
        assertThat(send("PUT", "/api/v1/bots/gw-held", bot("gw-held", "8", "30"), version).statusCode())
                .as("no edit of a bot being deleted").isEqualTo(409);

        GatewayFixture.holding(0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send("GET", "/api/v1/bots/gw-held", null, null).statusCode() == 404);
        assertThat(records("gw-held").getLast().value()).as("deleted once flat: a tombstone").isNull();
    }

    @Test
    void stopWithClosePositionAsksExecutionToCloseUntilFlat() throws Exception {
        assertThat(send("POST", "/api/v1/bots", bot("gw-close", "5", "20"), null).statusCode()).isEqualTo(201);
        GatewayFixture.holding(1);
        var stopped = send("POST", "/api/v1/bots/gw-close/stop?closePosition=true", "", null);
        assertThat(JSON.readTree(stopped.body()).get("closePosition").asBoolean()).isTrue();
        assertThat(published("gw-close").getLast().closePosition()).isTrue();

        GatewayFixture.holding(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> !published("gw-close").getLast().closePosition());
        assertThat(published("gw-close").getLast().status()).as("flat: published again without closePosition")
                .isEqualTo(BotStatus.STOPPED);
        send("POST", "/api/v1/bots/gw-close/start", "", null);
        assertThat(published("gw-close").getLast().status()).isEqualTo(BotStatus.RUNNING);
    }

    private static String bot(String botId, String fast, String slow) {
        return """
                {"botId": "%s", "name": "BTC SMA", "symbol": "BTCUSDT", "interval": "1m",
                 "strategy": {"type": "sma-crossover", "params": {"fast": "%s", "slow": "%s"}},
                 "risk": {"marginPerTrade": "100", "leverage": 10}, "venue": "PAPER"}
                """.formatted(botId, fast, slow);
    }

    @Test
    void createStartEditStopAndDeleteABot() throws Exception {
        var created = send("POST", "/api/v1/bots", bot("gw-life", "5", "20"), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).contains("1"));
        assertThat(JSON.readTree(created.body()).get("status").asText()).isEqualTo("STOPPED");

        assertThat(send("POST", "/api/v1/bots/gw-life/start", "", null).statusCode()).isEqualTo(200);
        List<BotDefinition> published = published("gw-life");
        assertThat(published).extracting(BotDefinition::status).containsExactly(BotStatus.STOPPED, BotStatus.RUNNING);

        var stale = send("PUT", "/api/v1/bots/gw-life", bot("gw-life", "8", "30"), "1");
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        var edited = send("PUT", "/api/v1/bots/gw-life", bot("gw-life", "8", "30"), "2");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(JSON.readTree(edited.body()).get("params").get("fast").asText()).isEqualTo("8");
        assertThat(JSON.readTree(edited.body()).get("status").asText()).as("an edit keeps the status")
                .isEqualTo("RUNNING");

        assertThat(send("DELETE", "/api/v1/bots/gw-life", null, null).statusCode()).as("running").isEqualTo(409);
        assertThat(send("POST", "/api/v1/bots/gw-life/stop", "", null).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/v1/bots/gw-life", null, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/bots/gw-life", null, null).statusCode()).isEqualTo(404);
        List<ConsumerRecord<String, byte[]>> records = records("gw-life");
        assertThat(records.getLast().value()).as("a tombstone deletes the bot on the compacted topic").isNull();
    }

    @Test
    void anInvalidBotIsRefusedNamingTheField() throws Exception {
        assertProblem(send("POST", "/api/v1/bots", bot("gw-bad", "50", "20"), null), "strategy.params.fast");
        assertProblem(send("POST", "/api/v1/bots", bot("gw-bad", "5", "100000"), null), "strategy.params.slow");
        assertProblem(send("POST", "/api/v1/bots", bot("gw-bad", "5", "20").replace("\"slow\"", "\"slw\""), null),
                "strategy.params.slw");
        assertProblem(send("POST", "/api/v1/bots", bot("gw-bad", "5", "20").replace("\"10\"", "\"0\"")
                .replace("\"leverage\": 10", "\"leverage\": 0"), null), "risk.leverage");
        assertProblem(send("POST", "/api/v1/bots", bot("gw-bad", "5", "20").replace("BTCUSDT", "btc-usdt"), null),
                "symbol");
        assertThat(send("GET", "/api/v1/bots/gw-bad", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void strategiesListTheirParameters() throws Exception {
        JsonNode strategies = JSON.readTree(send("GET", "/api/v1/strategies", null, null).body());
        JsonNode sma = null;
        for (JsonNode strategy : strategies) {
            sma = strategy.get("type").asText().equals("sma-crossover") ? strategy : sma;
        }
        assertThat(sma).isNotNull();
        assertThat(sma.get("parameters").findValuesAsText("name")).contains("fast", "slow", "riskReward");
    }

    private static void assertProblem(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("field").asText()).isEqualTo(field);
    }

    private HttpResponse<String> send(String method, String path, String body, String ifMatch) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .header("Content-Type", "application/json")
                .header("X-API-Key", GatewayFixture.ADMIN_KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<BotDefinition> published(String botId) {
        return records(botId).stream().filter(r -> r.value() != null)
                .map(r -> EventCodec.decode(r.value(), BotDefinition.class)).toList();
    }

    private List<ConsumerRecord<String, byte[]>> records(String botId) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BOTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (botId.equals(r.key())) {
                        records.add(r);
                    }
                });
            }
            return records;
        }
    }
}
