package io.tradeflow.execution.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Shows that {@link BinanceFuturesFake} behaves as Binance USD-M futures does, through plain HTTP and WebSocket
 * clients that sign requests themselves (HMAC-SHA256 of the query string, as the docs' example).
 */
class BinanceFuturesFakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final String KEY = BinanceFuturesFake.DEFAULT_API_KEY;
    private static final String ALL_EVENTS = "ORDER_TRADE_UPDATE/ACCOUNT_UPDATE/ALGO_UPDATE/listenKeyExpired";

    private final BinanceFuturesFake binance = new BinanceFuturesFake();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Stream> streams = new ArrayList<>();

    @AfterEach
    void stop() {
        streams.forEach(stream -> stream.socket.abort());
        binance.close();
    }

    // ---- signing and time

    @Test
    void theDocsSigningExampleIsAcceptedAsItIs() throws Exception {
        String query = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000"
                + "&timestamp=1591702613943";
        String documented = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9";
        assertThat(hmac(BinanceFuturesFake.DEFAULT_SECRET, query)).isEqualTo(documented);
        binance.setClock(1_591_702_613_943L).mark("BTCUSDT", "10000");

        Answer answer = raw("POST", "/fapi/v1/order?" + query + "&signature=" + documented, KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("status").asText()).isEqualTo("NEW");
        assertThat(binance.openOrders()).singleElement()
                .satisfies(order -> assertThat(order.price()).isEqualByComparingTo("9000"));
        assertThat(binance.requests().getLast().params()).doesNotContainKey("signature").containsEntry("price", "9000");
    }

    @Test
    void aWrongKeySignatureOrTimestampIsRefused() throws Exception {
        binance.setClock(1_700_000_000_000L);
        String query = "timestamp=" + binance.now();
        assertThat(raw("GET", "/fapi/v3/balance?" + query + "&signature=" + sign(query), "other-key"))
                .satisfies(a -> assertError(a, 401, -2015));
        assertThat(raw("GET", "/fapi/v3/balance?" + query + "&signature=" + sign(query + "0"),
                KEY)).satisfies(a -> assertError(a, 400, -1022));

        assertError(signed("GET", "/fapi/v3/balance", "timestamp", String.valueOf(binance.now() - 5_001)), 400, -1021);
        assertThat(signed("GET", "/fapi/v3/balance", "recvWindow", "10000",
                "timestamp", String.valueOf(binance.now() - 5_001)).status()).isEqualTo(200);
        Answer ahead = signed("GET", "/fapi/v3/balance", "timestamp", String.valueOf(binance.now() + 1_000));
        assertError(ahead, 400, -1021);
        assertThat(ahead.body().get("msg").asText()).contains("1000ms ahead");

        long before = binance.now();
        binance.skew(-3_000);
        assertError(signed("GET", "/fapi/v3/balance", "timestamp", String.valueOf(before)), 400, -1021);
        long serverTime = raw("GET", "/fapi/v1/time", null).body().get("serverTime").asLong();
        assertThat(serverTime).isLessThan(before);
        assertThat(signed("GET", "/fapi/v3/balance", "timestamp", String.valueOf(serverTime)).status()).isEqualTo(200);
    }

    // ---- orders

    @Test
    void stopTypesAreRefusedOnTheOrderEndpointWith4120() throws Exception {
        binance.mark("BTCUSDT", "35000");

        Answer answer = order("symbol", "BTCUSDT", "side", "SELL", "type", "STOP_MARKET", "quantity", "0.010",
                "stopPrice", "34000");

        assertError(answer, 400, -4120);
        assertThat(answer.body().get("msg").asText()).contains("Algo Order API");
        assertThat(binance.orders()).isEmpty();
    }

    @Test
    void aMarketOrderFillsAtTheMarkOpensAPositionAndAReduceRealisesPnl() throws Exception {
        binance.mark("BTCUSDT", "35000.0");
        Stream stream = connect(ALL_EVENTS);

        Answer entry = order("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET", "quantity", "0.010",
                "newClientOrderId", "tf-entry-1", "newOrderRespType", "RESULT");

        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.body().get("status").asText()).isEqualTo("FILLED");
        assertThat(entry.body().get("executedQty").asText()).isEqualTo("0.010");
        assertThat(entry.body().get("avgPrice").asText()).isEqualTo("35000.0");
        assertThat(new BigDecimal(entry.body().get("cumQuote").asText())).isEqualByComparingTo("350");
        assertThat(stream.next(3)).extracting(BinanceFuturesFakeTest::describe)
                .containsExactly("ORDER_TRADE_UPDATE NEW NEW", "ORDER_TRADE_UPDATE TRADE FILLED", "ACCOUNT_UPDATE");
        JsonNode risk = signed("GET", "/fapi/v3/positionRisk", "symbol", "BTCUSDT").body().get(0);
        assertThat(risk.get("positionAmt").asText()).isEqualTo("0.010");
        assertThat(new BigDecimal(risk.get("entryPrice").asText())).isEqualByComparingTo("35000");

        binance.mark("BTCUSDT", "36000.0");
        Answer exit = order("symbol", "BTCUSDT", "side", "SELL", "type", "MARKET", "quantity", "0.010",
                "reduceOnly", "true");

        assertThat(exit.body().get("status").asText()).as("ACK, the default, answers before the fill").isEqualTo("NEW");
        assertThat(binance.position("BTCUSDT").orElseThrow().amount()).isZero();
        JsonNode trades = signed("GET", "/fapi/v1/userTrades", "symbol", "BTCUSDT").body();
        assertThat(trades).hasSize(2);
        assertThat(trades.get(0).get("commission").asText()).isEqualTo("0.17500000");
        assertThat(trades.get(0).get("orderId").asLong()).isEqualTo(entry.body().get("orderId").asLong());
        assertThat(trades.get(1).get("realizedPnl").asText()).isEqualTo("10.00000000");
        assertThat(trades.get(1).get("maker").asBoolean()).isFalse();
        assertThat(binance.walletBalance()).isEqualByComparingTo("10009.645");
    }

    @Test
    void ordersThatBreakTheRulesAreRefusedInBinancesWords() throws Exception {
        binance.mark("BTCUSDT", "35000");

        assertError(order("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET", "quantity", "0.0105"), 400, -1111);
        Answer small = order("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET", "quantity", "0.002");
        assertError(small, 400, -4164);
        assertThat(small.body().get("msg").asText()).contains("no smaller than 100");
        assertError(order("symbol", "BTCUSDT", "side", "SELL", "type", "MARKET", "quantity", "0.010",
                "reduceOnly", "true"), 400, -2022);
        assertThat(order("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT", "quantity", "0.010", "price", "30000",
                "timeInForce", "GTC", "newClientOrderId", "tf-limit").status()).isEqualTo(200);
        assertError(order("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT", "quantity", "0.010", "price", "30000",
                "timeInForce", "GTC", "newClientOrderId", "tf-limit"), 400, -4116);
        assertError(signed("GET", "/fapi/v1/order", "symbol", "BTCUSDT", "origClientOrderId", "nope"), 400, -2013);
        assertThat(binance.orders()).hasSize(1);
    }

    // ---- conditional orders

    @Test
    void aStopTriggeredByAMarkMovePlacesAChildAndPushesAlgoUpdatesFirst() throws Exception {
        JsonNode algo = openLongWithStop();
        Stream stream = connect(ALL_EVENTS);

        binance.mark("BTCUSDT", "33900.0");

        List<JsonNode> events = stream.next(6);
        assertThat(events).extracting(BinanceFuturesFakeTest::describe).containsExactly(
                "ALGO_UPDATE TRIGGERING", "ALGO_UPDATE TRIGGERED", "ORDER_TRADE_UPDATE NEW NEW",
                "ORDER_TRADE_UPDATE TRADE FILLED", "ACCOUNT_UPDATE", "ALGO_UPDATE FINISHED");
        long childId = events.get(1).get("o").get("ai").asLong();
        JsonNode fill = events.get(3).get("o");
        assertThat(fill.get("i").asLong()).isEqualTo(childId);
        assertThat(fill.get("c").asText()).isNotEqualTo("tf-sl-1").hasSize(22);
        assertThat(fill.get("o").asText()).isEqualTo("MARKET");
        assertThat(fill.get("ot").asText()).isEqualTo("STOP_MARKET");
        assertThat(fill.get("l").asText()).isEqualTo("0.010");
        assertThat(fill.get("L").asText()).isEqualTo("33900.0");
        assertThat(fill.get("rp").asText()).isEqualTo("-11.00000000");
        assertThat(fill.get("n").asText()).isEqualTo("0.16950000");
        assertThat(fill.get("t").asLong()).isEqualTo(binance.trades().getLast().id());
        assertThat(events.get(4).get("a").get("P").get(0).get("pa").asText()).isEqualTo("0.000");
        assertThat(events.get(5).get("o").get("aq").asText()).isEqualTo("0.010");

        assertThat(signed("GET", "/fapi/v1/order", "symbol", "BTCUSDT", "orderId", String.valueOf(childId)).body()
                .get("origType").asText()).isEqualTo("STOP_MARKET");
        assertError(signed("GET", "/fapi/v1/order", "symbol", "BTCUSDT", "orderId", algo.get("algoId").asText()),
                400, -2013);
        JsonNode query = signed("GET", "/fapi/v1/algoOrder", "clientAlgoId", "tf-sl-1").body();
        assertThat(query.get("algoStatus").asText()).isEqualTo("FINISHED");
        assertThat(query.get("actualOrderId").asText()).isEqualTo(String.valueOf(childId));
        assertThat(binance.openAlgoOrders()).isEmpty();
    }

    @Test
    void childFillFirstPushesTheChildsFillBeforeTriggered() throws Exception {
        openLongWithStop();
        binance.childFillFirst(true).childUsesClientAlgoId(true);
        Stream stream = connect(ALL_EVENTS);

        binance.mark("BTCUSDT", "33900.0");

        List<JsonNode> events = stream.next(6);
        assertThat(events).extracting(BinanceFuturesFakeTest::describe).containsExactly(
                "ALGO_UPDATE TRIGGERING", "ORDER_TRADE_UPDATE NEW NEW", "ORDER_TRADE_UPDATE TRADE FILLED",
                "ACCOUNT_UPDATE", "ALGO_UPDATE TRIGGERED", "ALGO_UPDATE FINISHED");
        assertThat(events.get(2).get("o").get("c").asText()).isEqualTo("tf-sl-1");
        assertThat(events.get(4).get("o").get("ai").asLong()).isEqualTo(events.get(2).get("o").get("i").asLong());
    }

    @Test
    void aTriggerAlreadyCrossedIsRefusedWith2021() throws Exception {
        binance.mark("BTCUSDT", "35000");
        order("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET", "quantity", "0.010");

        assertError(algo("STOP_MARKET", "35000.0"), 400, -2021);
        assertError(algo("TAKE_PROFIT_MARKET", "34000.0"), 400, -2021);
        assertThat(algo("TAKE_PROFIT_MARKET", "36000.0").status()).isEqualTo(200);
        assertThat(binance.openAlgoOrders()).singleElement()
                .satisfies(a -> assertThat(a.orderType()).isEqualTo("TAKE_PROFIT_MARKET"));
    }

    // ---- the user data stream and failures

    @Test
    void anExpiredListenKeyIsAnnouncedClosedAndRefused() throws Exception {
        Stream stream = connect(ALL_EVENTS);
        String key = binance.listenKey();
        assertThat(listenKey("PUT")).isEqualTo(key);

        binance.expireListenKey();

        JsonNode expired = stream.next(1).getFirst();
        assertThat(expired.get("e").asText()).isEqualTo("listenKeyExpired");
        assertThat(expired.get("listenKey").asText()).isEqualTo(key);
        assertThat(stream.closed.get(GUARD.toSeconds(), TimeUnit.SECONDS)).isNotNull();
        assertError(raw("PUT", "/fapi/v1/listenKey", KEY), 400, -1125);
        assertThat(tryConnect("/private/ws?listenKey=" + key + "&events=" + ALL_EVENTS)).isFalse();
        assertThat(listenKey("POST")).isNotEqualTo(key);
    }

    @Test
    void theStreamTakesOnlyTheDocumentedSyntaxAndDeliversOnlyTheNamedEvents() throws Exception {
        String key = listenKey("POST");
        assertThat(tryConnect("/private/ws/" + key)).isFalse();
        assertThat(tryConnect("/private/ws?listenKey=" + key)).isFalse();
        Stream algoOnly = connect("ALGO_UPDATE");
        binance.mark("BTCUSDT", "35000");

        order("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET", "quantity", "0.010");
        algo("STOP_MARKET", "34000.0");
        algoOnly.socket.sendPing(ByteBuffer.wrap(new byte[] {1}));

        assertThat(algoOnly.next(1)).extracting(BinanceFuturesFakeTest::describe).containsExactly("ALGO_UPDATE NEW");
        assertThat(algoOnly.pong.get(GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(binance.refusedStreams()).hasSize(2);
    }

    @Test
    void anOrderAnswered503WasPlacedAndARateLimitSaysWhenToComeBack() throws Exception {
        binance.setClock(1_700_000_000_000L).mark("BTCUSDT", "35000").failNextOrderAfterPlacing(503);

        Answer unknown = order("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET", "quantity", "0.010",
                "newClientOrderId", "tf-entry-2");

        assertError(unknown, 503, -1000);
        assertThat(signed("GET", "/fapi/v1/order", "symbol", "BTCUSDT", "origClientOrderId", "tf-entry-2").body()
                .get("status").asText()).isEqualTo("FILLED");

        binance.rateLimitNext(7).rateLimitHeaders(2399, 3, 4);
        Answer limited = signed("GET", "/fapi/v3/balance");
        assertError(limited, 429, -1003);
        assertThat(limited.response().headers().firstValue("Retry-After")).hasValue("7");
        assertThat(limited.response().headers().firstValue("X-MBX-USED-WEIGHT-1M")).hasValue("2400");
        assertThat(signed("GET", "/fapi/v3/balance").response().headers().firstValue("X-MBX-ORDER-COUNT-10S"))
                .hasValue("3");
    }

    // ---- helpers: a client that signs as the docs say

    private JsonNode openLongWithStop() throws Exception {
        binance.mark("BTCUSDT", "35000.0");
        order("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET", "quantity", "0.010");
        Answer algo = signed("POST", "/fapi/v1/algoOrder", "algoType", "CONDITIONAL", "symbol", "BTCUSDT",
                "side", "SELL", "type", "STOP_MARKET", "triggerPrice", "34000.0", "closePosition", "true",
                "workingType", "MARK_PRICE", "clientAlgoId", "tf-sl-1");
        assertThat(algo.status()).isEqualTo(200);
        assertThat(algo.body().get("algoStatus").asText()).isEqualTo("NEW");
        return algo.body();
    }

    private Answer algo(String type, String trigger) throws Exception {
        return signed("POST", "/fapi/v1/algoOrder", "algoType", "CONDITIONAL", "symbol", "BTCUSDT", "side", "SELL",
                "type", type, "triggerPrice", trigger, "quantity", "0.010", "reduceOnly", "true");
    }

    private Answer order(String... params) throws Exception {
        return signed("POST", "/fapi/v1/order", params);
    }

    private Answer signed(String method, String path, String... params) throws Exception {
        StringBuilder query = new StringBuilder();
        boolean timed = false;
        for (int i = 0; i < params.length; i += 2) {
            query.append(query.isEmpty() ? "" : "&").append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
            timed |= params[i].equals("timestamp");
        }
        if (!timed) {
            query.append(query.isEmpty() ? "" : "&").append("timestamp=").append(binance.now());
        }
        return raw(method, path + "?" + query + "&signature=" + sign(query.toString()), KEY);
    }

    private Answer raw(String method, String pathAndQuery, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(binance.restUrl() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (apiKey != null) {
            request.header("X-MBX-APIKEY", apiKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response, JSON.readTree(response.body()));
    }

    private String listenKey(String method) throws Exception {
        return raw(method, "/fapi/v1/listenKey", KEY).body().get("listenKey").asText();
    }

    private static String sign(String payload) {
        return hmac(BinanceFuturesFake.DEFAULT_SECRET, payload);
    }

    private static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertError(Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().get("code").asInt()).isEqualTo(code);
    }

    private Stream connect(String events) throws Exception {
        String key = listenKey("POST");
        Stream stream = new Stream();
        stream.socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(binance.userStreamUrl() + "/ws?listenKey=" + key + "&events=" + events), stream)
                .get(GUARD.toSeconds(), TimeUnit.SECONDS);
        streams.add(stream);
        binance.awaitStreamConnections(streams.size(), GUARD);
        return stream;
    }

    private boolean tryConnect(String pathAndQuery) {
        try {
            http.newWebSocketBuilder().buildAsync(URI.create(binance.userStreamUrl().replace("/private", "")
                    + pathAndQuery), new Stream()).get(GUARD.toSeconds(), TimeUnit.SECONDS).abort();
            return true;
        } catch (Exception refused) {
            return false;
        }
    }

    private static String describe(JsonNode event) {
        String type = event.get("e").asText();
        return switch (type) {
            case "ORDER_TRADE_UPDATE" -> type + " " + event.get("o").get("x").asText() + " "
                    + event.get("o").get("X").asText();
            case "ALGO_UPDATE" -> type + " " + event.get("o").get("X").asText();
            default -> type;
        };
    }

    private record Answer(HttpResponse<String> response, JsonNode body) {
        int status() {
            return response.statusCode();
        }
    }

    /** A user-stream client: collects whole text messages; {@link #closed} completes with the close code. */
    private static final class Stream implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CompletableFuture<Boolean> pong = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            pong.complete(true);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        List<JsonNode> next(int count) throws InterruptedException {
            List<JsonNode> taken = new ArrayList<>();
            while (taken.size() < count) {
                JsonNode message = messages.poll(GUARD.toSeconds(), TimeUnit.SECONDS);
                assertThat(message).as("message %d of %d; got %s", taken.size() + 1, count, taken).isNotNull();
                taken.add(message);
            }
            return taken;
        }
    }
}
