package io.tradeflow.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.GoldenEvents;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.core.event.Topics;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.gateway.stream.SseConnection.SseEvent;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live stream (SSE) on the devstack: real events produced to Kafka, read back over HTTP. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "test", roles = "viewer")
class LiveStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/api/v1/stream")
    URL stream;
    @TestHTTPResource("/q/metrics")
    URL metrics;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "tradeflow.gateway.stream.max-streams")
    int maxStreams;

    private KafkaProducer<String, byte[]> producer;
    private final List<SseConnection> connections = new ArrayList<>();

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeAll() {
        connections.forEach(SseConnection::close);
        producer.close();
    }

    @Test
    void anOrderArrivesAndAReconnectContinuesRightAfterTheLastEventDelivered() throws Exception {
        String bot = "sse-" + UUID.randomUUID().toString().substring(0, 8);
        SseConnection live = open("types=order&botId=" + bot, null);
        assertThat(live.header("Cache-Control")).hasValue("no-cache");

        OrderUpdated otherBots = order("sse-other-bot");
        OrderUpdated first = order(bot);
        // Same symbol, so the same partition: the other bot's order is read first and must be left out.
        produce(otherBots);
        produce(first);

        SseEvent received = live.next(WAIT);
        assertThat(received.event()).isEqualTo("OrderUpdated");
        assertThat(received.data()).as("the first event is the bot's own: the other bot's was filtered out")
                .isEqualTo(EventCodec.encodeToString(first));
        assertThat(received.id()).as("per topic, the next offset of each partition")
                .matches("orders\\.v1:[0-9]+(/[0-9]+)*");
        assertThat(counter("OrderUpdated")).isGreaterThanOrEqualTo(1);
        live.close();

        OrderUpdated second = order(bot);
        produce(second); // while no stream is open

        SseEvent resumed = open("types=order&botId=" + bot, received.id()).next(WAIT);
        assertThat(resumed.data()).as("the next event after the id, not the one that carried it")
                .isEqualTo(EventCodec.encodeToString(second));
        assertThat(offsetSum(resumed.id())).isEqualTo(offsetSum(received.id()) + 1);

        SseEvent resumedByQuery = open("types=order&botId=" + bot + "&lastEventId="
                + URLEncoder.encode(received.id(), StandardCharsets.UTF_8), null).next(WAIT);
        assertThat(resumedByQuery).isEqualTo(resumed);
    }

    @Test
    void sinceStartsAtTheFirstRecordWrittenThenAndNoParameterMeansLiveOnly() throws Exception {
        String bot = "sse-" + UUID.randomUUID().toString().substring(0, 8);
        long before = System.currentTimeMillis();
        OrderUpdated past = order(bot);
        produce(past);

        SseConnection live = open("types=order&botId=" + bot, null);
        SseConnection replay = open("types=order&botId=" + bot + "&since=" + before, null);
        OrderUpdated now = order(bot);
        produce(now);

        assertThat(replay.next(WAIT).data()).isEqualTo(EventCodec.encodeToString(past));
        assertThat(replay.next(WAIT).data()).isEqualTo(EventCodec.encodeToString(now));
        assertThat(live.next(WAIT).data()).as("without since or an id: live only")
                .isEqualTo(EventCodec.encodeToString(now));
    }

    @Test
    void signalWatermarksAreLeftOutAndKlinesPassOnTheSymbolFilterAlone() throws Exception {
        String bot = "sse-" + UUID.randomUUID().toString().substring(0, 8);
        SseConnection live = open("types=kline,signal&botId=" + bot + "&symbol=ethusdt", null);

        produce(watermark("ETHUSDT"));
        SignalGenerated signal = signal(bot, "ETHUSDT");
        produce(signal(bot, "BTCUSDT")); // the bot's, but not the symbol asked for
        produce(signal);
        assertThat(live.next(WAIT).data()).isEqualTo(EventCodec.encodeToString(signal));

        produce(GoldenEvents.event(KlineClosed.class)); // BTCUSDT
        KlineClosed eth = kline("ETHUSDT");
        produce(eth);
        SseEvent kline = live.next(WAIT);
        assertThat(kline.event()).isEqualTo("KlineClosed");
        assertThat(kline.data()).as("klines have no bot: the symbol filter alone decides")
                .isEqualTo(EventCodec.encodeToString(eth));
        assertThat(kline.id()).startsWith("market.klines.v1:").contains(",signals.v1:");
    }

    @Test
    void aQuietStreamSendsHeartbeats() throws Exception {
        SseConnection live = open("types=position&botId=sse-nobody", null);
        assertThat(live.nextComment(WAIT)).isEqualTo("heartbeat");
    }

    @Test
    void badRequestsAreRefusedNamingTheParameter() throws Exception {
        for (String id : List.of("garbage", "orders.v1:", "orders.v1:12/x", "orders.v1:1,orders.v1:2",
                "bots.v1:0", "orders.v1:1;positions.v1:2", "orders.v1:" + "0/".repeat(200) + "0")) {
            assertProblem(get("", id), 400, "Last-Event-ID");
        }
        assertProblem(get("lastEventId=nonsense", null), 400, "lastEventId");
        assertProblem(get("types=order,candle", null), 400, "types");
        assertProblem(get("symbol=BTC-USDT", null), 400, "symbol");
        assertProblem(get("since=yesterday", null), 400, "since");
    }

    @Test
    void streamsBeyondTheCapAreRefusedAndAClosedStreamFreesItsPlace() throws Exception {
        await().atMost(WAIT).until(() -> gauge() == 0); // other tests' streams have ended
        List<SseConnection> full = new ArrayList<>();
        for (int i = 0; i < maxStreams; i++) {
            full.add(open("types=position", null));
        }
        assertThat(gauge()).isEqualTo(maxStreams);
        HttpResponse<String> refused = get("types=position", null);
        assertProblem(refused, 503, null);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        full.forEach(SseConnection::close);
        await("the server notices the clients leaving").atMost(WAIT).until(() -> gauge() == 0);
        assertThat(open("types=position", null).status()).isEqualTo(200);
    }

    private SseConnection open(String query, String lastEventId) throws Exception {
        SseConnection connection = SseConnection.open(URI.create(stream + "?" + query), lastEventId);
        connections.add(connection);
        assertThat(connection.status()).isEqualTo(200);
        return connection;
    }

    private HttpResponse<String> get(String query, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stream + "?" + query))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        var body = JSON.readTree(response.body());
        if (field != null) {
            assertThat(body.path("field").asText()).as(response.body()).isEqualTo(field);
        }
    }

    private void produce(Event event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.of(event), event.key(), EventCodec.encode(event))).get();
    }

    /** The golden order, of {@code botId}, under a client order id of its own (so a distinct event id). */
    private static OrderUpdated order(String botId) {
        String clientOrderId = "tf-" + HexFormat.of().formatHex(randomBytes(14)) + "-E";
        ObjectNode tree = GoldenEvents.tree(OrderUpdated.class);
        tree.put("botId", botId).put("clientOrderId", clientOrderId).put("eventId", clientOrderId + "-FILLED-0.028");
        return EventCodec.decode(tree.toString(), OrderUpdated.class);
    }

    private static SignalGenerated signal(String botId, String symbol) {
        ObjectNode tree = GoldenEvents.tree(SignalGenerated.class);
        String id = botId + "-" + symbol + "-1m-1700006400000";
        tree.put("botId", botId).put("symbol", symbol).put("eventId", id).put("signalId", id);
        return EventCodec.decode(tree.toString(), SignalGenerated.class);
    }

    private static SignalWatermark watermark(String symbol) {
        ObjectNode tree = GoldenEvents.tree(SignalWatermark.class);
        tree.put("symbol", symbol).put("eventId", symbol + "-1m-1700006400000");
        return EventCodec.decode(tree.toString(), SignalWatermark.class);
    }

    private static KlineClosed kline(String symbol) {
        ObjectNode tree = GoldenEvents.tree(KlineClosed.class);
        tree.put("symbol", symbol).put("eventId", symbol + "-1m-1700006400000");
        return EventCodec.decode(tree.toString(), KlineClosed.class);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** The sum of the offsets an id names: one more for each record the stream went past. */
    private static long offsetSum(String id) {
        long sum = 0;
        for (String offset : id.substring(id.indexOf(':') + 1).split("/")) {
            sum += Long.parseLong(offset);
        }
        return sum;
    }

    private double gauge() throws Exception {
        return metric("tradeflow_gateway_streams_open", "");
    }

    private double counter(String type) throws Exception {
        return metric("tradeflow_gateway_stream_events_sent_total", "type=\"" + type + "\"");
    }

    private double metric(String name, String label) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(metrics.toURI()).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String labels = label.isEmpty() ? "(?:\\{[^}]*})?" : "\\{[^}]*" + Pattern.quote(label) + "[^}]*}";
        Matcher line = Pattern.compile("(?m)^" + name + labels + " (\\S+)$").matcher(text);
        if (!line.find()) {
            throw new AssertionError("no " + name + " {" + label + "} in /q/metrics");
        }
        return Double.parseDouble(line.group(1));
    }
}
