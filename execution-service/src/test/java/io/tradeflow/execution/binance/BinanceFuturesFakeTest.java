package io.tradeflow.execution.binance;

import static io.tradeflow.execution.binance.FakeWire.GUARD;
import static io.tradeflow.execution.binance.FakeWire.KEY;
import static io.tradeflow.execution.binance.FakeWire.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeflow.execution.binance.FakeWire.Answer;
import io.tradeflow.execution.binance.FakeWire.Stream;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Shows that {@link BinanceFuturesFake} behaves as Binance USD-M futures does, through plain HTTP and WebSocket
 * clients that sign requests themselves (HMAC-SHA256 of the query string, as the docs' example; {@link FakeWire}).
 */
class BinanceFuturesFakeTest {

    private static final String ALL_EVENTS = "ORDER_TRADE_UPDATE/ACCOUNT_UPDATE/ALGO_UPDATE/listenKeyExpired";

    private final BinanceFuturesFake binance = new BinanceFuturesFake();
    private final FakeWire wire = new FakeWire(binance);

    @AfterEach
    void stop() {
        wire.close();
        binance.close();
    }

    // ---- signing and time

    @Test
    void theDocsSigningExampleIsAcceptedAsItIs() throws Exception {
        String query = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000"
                + "&timestamp=1591702613943";
        String documented = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9";
        assertThat(FakeWire.hmac(BinanceFuturesFake.DEFAULT_SECRET, query)).isEqualTo(documented);
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
        assertThat(stream.next(3)).extracting(FakeWire::describe)
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
        assertThat(events).extracting(FakeWire::describe).containsExactly(
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
        assertThat(events).extracting(FakeWire::describe).containsExactly(
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

        assertThat(algoOnly.next(1)).extracting(FakeWire::describe).containsExactly("ALGO_UPDATE NEW");
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

    // ---- helpers (the wire client: FakeWire)

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
        return wire.signed(method, path, params);
    }

    private Answer raw(String method, String pathAndQuery, String apiKey) throws Exception {
        return wire.raw(method, pathAndQuery, apiKey);
    }

    private String listenKey(String method) throws Exception {
        return wire.listenKey(method, "/fapi/v1/listenKey");
    }

    private static String sign(String payload) {
        return FakeWire.sign(payload);
    }

    private Stream connect(String events) throws Exception {
        String key = listenKey("POST");
        return wire.connect(binance.userStreamUrl() + "/ws?listenKey=" + key + "&events=" + events);
    }

    private boolean tryConnect(String pathAndQuery) {
        return wire.tryConnect(binance.userStreamUrl().replace("/private", "") + pathAndQuery);
    }
}
