package io.tradeflow.execution.binance;

import static io.tradeflow.execution.binance.FakeWire.GUARD;
import static io.tradeflow.execution.binance.FakeWire.KEY;
import static io.tradeflow.execution.binance.FakeWire.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.execution.binance.FakeWire.Answer;
import io.tradeflow.execution.binance.FakeWire.Stream;
import io.tradeflow.exchangeinfo.BinanceExchangeInfo;
import io.vertx.core.Vertx;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Shows that {@link BinanceFuturesFake#coinM()} behaves as Binance COIN-M (inverse) futures does: {@code /dapi}
 * paths, contracts of a USD size, stops on the order endpoint, PnL and fees in the coin, the user stream on
 * {@code /ws/<listenKey>}; through the plain signing client of {@link FakeWire}, and where it says so through the
 * service's own readers ({@link BinanceExchangeInfo}, {@link ExchangeAnswers}, {@link UserEvents},
 * {@link BinanceOrders}).
 */
class BinanceFuturesFakeCoinMTest {

    private static final String BTC_PERP = "BTCUSD_PERP";

    private final BinanceFuturesFake binance = BinanceFuturesFake.coinM();
    private final FakeWire wire = new FakeWire(binance);

    @AfterEach
    void stop() {
        wire.close();
        binance.close();
    }

    // ---- symbols

    @Test
    void exchangeInfoReadsAsCoinMRulesInTheServicesParser() throws Exception {
        binance.listSymbol("SOLUSD_PERP");

        Answer answer = wire.raw("GET", "/dapi/v1/exchangeInfo", null);

        assertThat(answer.status()).isEqualTo(200);
        BinanceExchangeInfo info = BinanceExchangeInfo.parse(answer.response().body(), Market.COIN_M, "fake");
        assertThat(info.rejected()).isEmpty();
        SymbolRules btc = info.rules().get(Symbol.of(BTC_PERP));
        assertThat(btc.contractSize()).isEqualByComparingTo("100");
        assertThat(btc.tickSize().toPlainString()).isEqualTo("0.1");
        assertThat(btc.stepSize().toPlainString()).isEqualTo("1");
        assertThat(btc.marginAsset()).isEqualTo("BTC");
        assertThat(btc.minNotional()).isNull();
        SymbolRules eth = info.rules().get(Symbol.of("ETHUSD_PERP"));
        assertThat(eth.contractSize()).isEqualByComparingTo("10");
        assertThat(eth.tickSize().toPlainString()).isEqualTo("0.01");
        assertThat(eth.marginAsset()).isEqualTo("ETH");
        assertThat(info.rules().get(Symbol.of("SOLUSD_PERP")).marginAsset()).isEqualTo("SOL");
        assertThat(answer.body().get("symbols").get(0).get("contractType").asText()).isEqualTo("PERPETUAL");
        assertThat(wire.raw("GET", "/dapi/v1/time", null).body().get("serverTime").asLong()).isPositive();
    }

    // ---- orders and inverse accounting

    @Test
    void aMarketBuyThenSellRealisesTheInversePnlInBtc() throws Exception {
        binance.mark(BTC_PERP, "50000.0");
        Stream stream = connect();

        Answer entry = order("symbol", BTC_PERP, "side", "BUY", "type", "MARKET", "quantity", "10",
                "newClientOrderId", "tf-entry-1", "newOrderRespType", "RESULT");

        assertThat(entry.status()).as(entry.body().toString()).isEqualTo(200);
        assertThat(entry.body().get("status").asText()).isEqualTo("FILLED");
        assertThat(entry.body().get("executedQty").asText()).isEqualTo("10");
        assertThat(entry.body().get("avgPrice").asText()).isEqualTo("50000.0");
        assertThat(entry.body().get("cumBase").asText()).isEqualTo("0.02000000"); // 10 x 100 USD / 50000
        assertThat(entry.body().get("pair").asText()).isEqualTo("BTCUSD");
        assertThat(entry.body().has("cumQuote")).isFalse();
        assertThat(ExchangeAnswers.order(entry.body().toString()).executedQuantity()).isEqualByComparingTo("10");
        List<JsonNode> events = stream.next(3);
        assertThat(events).extracting(FakeWire::describe)
                .containsExactly("ORDER_TRADE_UPDATE NEW NEW", "ORDER_TRADE_UPDATE TRADE FILLED", "ACCOUNT_UPDATE");
        JsonNode fill = events.get(1).get("o");
        assertThat(fill.get("n").asText()).isEqualTo("0.00001000");
        assertThat(fill.get("N").asText()).isEqualTo("BTC");
        assertThat(fill.get("ma").asText()).isEqualTo("BTC");
        JsonNode balance = events.get(2).get("a").get("B").get(0);
        assertThat(balance.get("a").asText()).isEqualTo("BTC");
        assertThat(balance.get("wb").asText()).isEqualTo("0.99999000");

        binance.mark(BTC_PERP, "55000.0");
        Answer exit = order("symbol", BTC_PERP, "side", "SELL", "type", "MARKET", "quantity", "10",
                "reduceOnly", "true");

        assertThat(exit.status()).isEqualTo(200);
        assertThat(binance.position(BTC_PERP).orElseThrow().amount()).isZero();
        // Long 10 contracts of 100 USD from 50000 to 55000, taker fee 0.0005 of the coin value, 8 decimals half up:
        //   entry fee   1000 / 50000 x 0.0005                   = 0.00001000 BTC
        //   exit fee    1000 / 55000 x 0.0005 = 0.0000090909...  = 0.00000909 BTC
        //   PnL         1000 x (1/50000 - 1/55000) = 0.00181818... = 0.00181818 BTC
        //   wallet      1 - 0.00001000 + 0.00181818 - 0.00000909  = 1.00179909 BTC
        JsonNode trades = signed("GET", "/dapi/v1/userTrades", "symbol", BTC_PERP).body();
        assertThat(trades).hasSize(2);
        assertThat(trades.get(0).get("commission").asText()).isEqualTo("0.00001000");
        assertThat(trades.get(0).get("commissionAsset").asText()).isEqualTo("BTC");
        assertThat(trades.get(0).get("baseQty").asText()).isEqualTo("0.02000000");
        assertThat(trades.get(0).get("marginAsset").asText()).isEqualTo("BTC");
        assertThat(trades.get(0).get("pair").asText()).isEqualTo("BTCUSD");
        assertThat(trades.get(0).get("orderId").asLong()).isEqualTo(entry.body().get("orderId").asLong());
        assertThat(trades.get(1).get("realizedPnl").asText()).isEqualTo("0.00181818");
        assertThat(trades.get(1).get("commission").asText()).isEqualTo("0.00000909");
        assertThat(ExchangeAnswers.userTrades(trades.toString()).get(1).realizedProfit()).isEqualByComparingTo(
                "0.00181818");
        assertThat(binance.walletBalance()).isEqualByComparingTo("1.00179909");
        assertThat(binance.walletBalance("BTC")).isEqualByComparingTo("1.00179909");
        assertThat(binance.walletBalance("ETH")).isEqualByComparingTo("1");
    }

    @Test
    void aRestingStopTriggeredByAMarkMoveFillsTheSameOrder() throws Exception {
        binance.mark(BTC_PERP, "50000.0");
        order("symbol", BTC_PERP, "side", "BUY", "type", "MARKET", "quantity", "10");
        Stream stream = connect();

        Answer stop = stop("STOP_MARKET", "49000.0", "tf-sl-1");

        assertThat(stop.status()).as(stop.body().toString()).isEqualTo(200);
        assertThat(stop.body().get("status").asText()).isEqualTo("NEW");
        assertThat(stop.body().get("type").asText()).isEqualTo("STOP_MARKET");
        assertThat(stop.body().get("stopPrice").asText()).isEqualTo("49000.0");
        assertThat(stop.body().get("workingType").asText()).isEqualTo("MARK_PRICE");
        assertThat(stop.body().get("priceProtect").asBoolean()).isTrue();
        long orderId = stop.body().get("orderId").asLong();
        assertThat(stream.next(1)).extracting(FakeWire::describe).containsExactly("ORDER_TRADE_UPDATE NEW NEW");
        JsonNode resting = signed("GET", "/dapi/v1/order", "symbol", BTC_PERP, "origClientOrderId", "tf-sl-1").body();
        assertThat(resting.get("status").asText()).isEqualTo("NEW");
        assertThat(resting.get("orderId").asLong()).isEqualTo(orderId);
        assertThat(signed("GET", "/dapi/v1/openOrders", "symbol", BTC_PERP).body()).singleElement()
                .satisfies(open -> assertThat(open.get("clientOrderId").asText()).isEqualTo("tf-sl-1"));

        binance.mark(BTC_PERP, "48000.0");

        List<JsonNode> all = stream.next(4);
        assertThat(all).extracting(FakeWire::describe).containsExactly("ORDER_TRADE_UPDATE EXPIRED EXPIRED",
                "ORDER_TRADE_UPDATE NEW NEW", "ORDER_TRADE_UPDATE TRADE FILLED", "ACCOUNT_UPDATE");
        JsonNode expired = all.get(0).get("o");
        assertThat(expired.get("er").asText()).as("expiry reason 8: expired as its trigger fired").isEqualTo("8");
        assertThat(expired.get("i").asLong()).isEqualTo(orderId);
        assertThat(expired.get("o").asText()).isEqualTo("STOP_MARKET");
        List<JsonNode> events = all.subList(1, 4);
        for (JsonNode event : events.subList(0, 2)) {
            JsonNode o = event.get("o");
            assertThat(o.get("i").asLong()).isEqualTo(orderId);
            assertThat(o.get("c").asText()).isEqualTo("tf-sl-1");
            assertThat(o.get("o").asText()).isEqualTo("MARKET");
            assertThat(o.get("ot").asText()).isEqualTo("STOP_MARKET");
        }
        JsonNode fill = events.get(1).get("o");
        assertThat(fill.get("l").asText()).isEqualTo("10");
        assertThat(fill.get("z").asText()).isEqualTo("10");
        assertThat(fill.get("L").asText()).isEqualTo("48000.0");
        assertThat(fill.get("ap").asText()).isEqualTo("48000.0");
        // 1000 x (1/50000 - 1/48000) = -0.000833333...; fee 1000 / 48000 x 0.0005 = 0.0000104166...
        assertThat(fill.get("rp").asText()).isEqualTo("-0.00083333");
        assertThat(fill.get("n").asText()).isEqualTo("0.00001042");
        assertThat(fill.get("N").asText()).isEqualTo("BTC");
        assertThat(fill.get("t").asLong()).isEqualTo(binance.trades().getLast().id());
        assertThat(events.get(2).get("a").get("P").get(0).get("pa").asText()).isEqualTo("0");
        JsonNode filled = signed("GET", "/dapi/v1/order", "symbol", BTC_PERP, "origClientOrderId", "tf-sl-1").body();
        assertThat(filled.get("status").asText()).isEqualTo("FILLED");
        assertThat(filled.get("executedQty").asText()).isEqualTo("10");
        assertThat(filled.get("avgPrice").asText()).isEqualTo("48000.0");
        assertThat(filled.get("origType").asText()).isEqualTo("STOP_MARKET");
        assertThat(signed("GET", "/dapi/v1/userTrades", "symbol", BTC_PERP, "orderId", String.valueOf(orderId))
                .body()).singleElement().satisfies(t -> assertThat(t.get("qty").asText()).isEqualTo("10"));
        assertThat(signed("GET", "/dapi/v1/openOrders").body()).isEmpty();
    }

    @Test
    void stopsWithNothingLeftToReduceAreCanceledAndCancelsAnswerAsBinance() throws Exception {
        binance.mark(BTC_PERP, "50000.0");
        order("symbol", BTC_PERP, "side", "BUY", "type", "MARKET", "quantity", "10");
        stop("STOP_MARKET", "49000.0", "tf-sl-2");
        stop("TAKE_PROFIT_MARKET", "52000.0", "tf-tp-2");
        Stream stream = connect();

        binance.mark(BTC_PERP, "52000.0").mark(BTC_PERP, "48000.0");

        assertThat(stream.next(5)).extracting(FakeWire::describe).containsExactly("ORDER_TRADE_UPDATE EXPIRED EXPIRED",
                "ORDER_TRADE_UPDATE NEW NEW", "ORDER_TRADE_UPDATE TRADE FILLED", "ACCOUNT_UPDATE",
                "ORDER_TRADE_UPDATE CANCELED CANCELED");
        assertThat(signed("GET", "/dapi/v1/order", "symbol", BTC_PERP, "origClientOrderId", "tf-sl-2").body()
                .get("status").asText()).isEqualTo("CANCELED");
        assertError(signed("DELETE", "/dapi/v1/order", "symbol", BTC_PERP, "origClientOrderId", "tf-sl-2"), 400,
                -2011);

        order("symbol", BTC_PERP, "side", "BUY", "type", "MARKET", "quantity", "10");
        stop("STOP_MARKET", "47000.0", "tf-sl-3");
        Answer canceled = signed("DELETE", "/dapi/v1/order", "symbol", BTC_PERP, "origClientOrderId", "tf-sl-3");
        assertThat(canceled.body().get("status").asText()).isEqualTo("CANCELED");
        stop("STOP_MARKET", "47000.0", "tf-sl-4");
        stop("TAKE_PROFIT_MARKET", "53000.0", "tf-tp-4");
        assertThat(signed("DELETE", "/dapi/v1/allOpenOrders", "symbol", BTC_PERP).body().get("code").asInt())
                .isEqualTo(200);
        assertThat(binance.openOrders()).isEmpty();
        assertThat(binance.orders()).filteredOn(o -> o.clientOrderId().endsWith("-4"))
                .extracting(FakeState.Order::status).containsExactly("CANCELED", "CANCELED");
    }

    @Test
    void aStopWhoseTriggerIsAlreadyCrossedIsRefusedWith2021() throws Exception {
        binance.mark(BTC_PERP, "50000.0");

        assertError(stop("STOP_MARKET", "50000.0", "tf-a"), 400, -2021);
        assertError(stop("TAKE_PROFIT_MARKET", "49000.0", "tf-b"), 400, -2021);
        assertError(order("symbol", BTC_PERP, "side", "BUY", "type", "STOP_MARKET", "quantity", "10",
                "stopPrice", "49000.0"), 400, -2021);
        assertError(order("symbol", BTC_PERP, "side", "SELL", "type", "STOP_MARKET", "quantity", "10"), 400, -1102);
        assertError(order("symbol", BTC_PERP, "side", "SELL", "type", "TRAILING_STOP_MARKET", "quantity", "10",
                "callbackRate", "1"), 400, -1116);
        assertError(order("symbol", BTC_PERP, "side", "BUY", "type", "MARKET", "quantity", "1.5"), 400, -1111);
        assertThat(binance.orders()).isEmpty();
    }

    // ---- paths, positions, the gate

    @Test
    void fapiPathsAnswer404OnCoinMAndDapiPathsOnUsdM() throws Exception {
        binance.mark(BTC_PERP, "50000.0");

        assertThat(wire.raw("GET", "/fapi/v1/time", null).status()).isEqualTo(404);
        assertThat(signed("POST", "/fapi/v1/order", "symbol", BTC_PERP, "side", "BUY", "type", "MARKET",
                "quantity", "10").status()).isEqualTo(404);
        assertThat(signed("POST", "/dapi/v1/algoOrder", "algoType", "CONDITIONAL", "symbol", BTC_PERP, "side", "SELL",
                "type", "STOP_MARKET", "triggerPrice", "49000.0", "quantity", "10").status()).isEqualTo(404);
        assertThat(binance.orders()).isEmpty();
        try (BinanceFuturesFake usdM = new BinanceFuturesFake()) {
            assertThat(new FakeWire(usdM).raw("GET", "/dapi/v1/time", null).status()).isEqualTo(404);
            assertThat(usdM.api()).isEqualTo(FuturesApi.USD_M);
        }
        assertThat(binance.api()).isEqualTo(FuturesApi.COIN_M);
    }

    @Test
    void positionRiskFiltersByPairOrMarginAssetNeverBySymbol() throws Exception {
        binance.mark(BTC_PERP, "50000.0");
        order("symbol", BTC_PERP, "side", "BUY", "type", "MARKET", "quantity", "10");
        binance.mark(BTC_PERP, "51000.0");

        Answer byPair = signed("GET", "/dapi/v1/positionRisk", "pair", "BTCUSD");

        assertThat(byPair.status()).isEqualTo(200);
        JsonNode row = byPair.body().get(0);
        assertThat(byPair.body()).hasSize(1);
        assertThat(row.fieldNames()).toIterable().containsExactly("symbol", "positionAmt", "entryPrice", "markPrice",
                "unRealizedProfit", "liquidationPrice", "leverage", "maxQty", "marginType", "isolatedMargin",
                "isAutoAddMargin", "positionSide", "notionalValue", "isolatedWallet", "updateTime", "breakEvenPrice");
        assertThat(row.get("symbol").asText()).isEqualTo(BTC_PERP);
        assertThat(row.get("positionAmt").asText()).isEqualTo("10");
        assertThat(row.get("markPrice").asText()).isEqualTo("51000.0");
        // 1000 x (1/50000 - 1/51000) = 0.000392156...; value 1000 / 51000 = 0.0196078...
        assertThat(row.get("unRealizedProfit").asText()).isEqualTo("0.00039216");
        assertThat(row.get("notionalValue").asText()).isEqualTo("0.01960784");
        assertThat(ExchangeAnswers.positionRisks(byPair.body().toString())).singleElement()
                .satisfies(p -> assertThat(p.positionAmount()).isEqualByComparingTo("10"));
        assertThat(signed("GET", "/dapi/v1/positionRisk", "marginAsset", "ETH").body()).singleElement()
                .satisfies(eth -> {
                    assertThat(eth.get("symbol").asText()).isEqualTo("ETHUSD_PERP");
                    assertThat(eth.get("positionAmt").asText()).isEqualTo("0");
                });
        assertThat(signed("GET", "/dapi/v1/positionRisk").body()).hasSize(2);
        assertError(signed("GET", "/dapi/v1/positionRisk", "symbol", BTC_PERP), 400, -1104);
    }

    @Test
    void theGateIsSharedSignaturesLimitsAndOneShotFailuresWorkOnDapi() throws Exception {
        binance.setClock(1_700_000_000_000L).mark(BTC_PERP, "50000.0").failNextOrderAfterPlacing(503);

        assertError(order("symbol", BTC_PERP, "side", "BUY", "type", "MARKET", "quantity", "10",
                "newClientOrderId", "tf-entry-2"), 503, -1000);
        assertThat(signed("GET", "/dapi/v1/order", "symbol", BTC_PERP, "origClientOrderId", "tf-entry-2").body()
                .get("status").asText()).isEqualTo("FILLED");
        String query = "timestamp=" + binance.now();
        assertError(wire.raw("GET", "/dapi/v1/openOrders?" + query + "&signature=" + FakeWire.sign(query + "0"), KEY),
                400, -1022);
        assertError(signed("GET", "/dapi/v1/openOrders", "timestamp", String.valueOf(binance.now() - 5_001)), 400,
                -1021);
        binance.hideFromNextQueries(1);
        assertError(signed("GET", "/dapi/v1/order", "symbol", BTC_PERP, "origClientOrderId", "tf-entry-2"), 400,
                -2013);

        binance.rateLimitHeaders(0, 0, 0);
        Answer counted = order("symbol", BTC_PERP, "side", "SELL", "type", "MARKET", "quantity", "10");
        assertThat(counted.response().headers().firstValue("X-MBX-ORDER-COUNT-1M")).hasValue("1");
        binance.rateLimitNext(7);
        Answer limited = signed("GET", "/dapi/v1/openOrders");
        assertError(limited, 429, -1003);
        assertThat(limited.response().headers().firstValue("Retry-After")).hasValue("7");
    }

    // ---- the user data stream

    @Test
    void theWsStreamTakesTheKeyInThePathAndDeliversEveryEventWithTheMarginAsset() throws Exception {
        binance.mark(BTC_PERP, "50000.0");
        Stream raw = connect();
        String key = binance.listenKey();
        Stream wrapped = wire.connect(binance.userStreamUrl() + "/stream?streams=" + key);
        assertThat(wire.tryConnect(binance.userStreamUrl() + "/private/ws?listenKey=" + key
                + "&events=ORDER_TRADE_UPDATE")).isFalse();
        assertThat(wire.tryConnect(binance.userStreamUrl() + "/ws/not-the-key")).isFalse();

        order("symbol", BTC_PERP, "side", "BUY", "type", "MARKET", "quantity", "10");

        JsonNode event = raw.next(1).getFirst();
        assertThat(event.get("e").asText()).isEqualTo("ORDER_TRADE_UPDATE");
        assertThat(event.get("o").get("ma").asText()).isEqualTo("BTC");
        assertThat(event.get("i").asText()).isEqualTo(FakeCoinMMessages.ACCOUNT_ALIAS);
        assertThat(UserEvents.parse(event.toString())).isInstanceOf(UserEvent.OrderTradeUpdate.class);
        JsonNode envelope = wrapped.next(1).getFirst();
        assertThat(envelope.get("stream").asText()).isEqualTo(key);
        assertThat(envelope.get("data")).isEqualTo(event);
        assertThat(binance.refusedStreams()).hasSize(2);

        binance.expireListenKey();

        assertThat(raw.next(3)).extracting(FakeWire::describe)
                .containsExactly("ORDER_TRADE_UPDATE TRADE FILLED", "ACCOUNT_UPDATE", "listenKeyExpired");
        assertThat(raw.closed.get(GUARD.toSeconds(), TimeUnit.SECONDS)).isNotNull();
        Answer keepAlive = wire.raw("PUT", "/dapi/v1/listenKey", KEY);
        assertError(keepAlive, 400, -1125);
        assertThat(keepAlive.body().get("msg").asText()).contains("/dapi/v1/listenKey");
    }

    @Test
    void theServicesClientTradesAStopThroughTheFake() throws Exception {
        binance.mark(BTC_PERP, "50000.0");
        try (BinanceRest rest = FakeClient.of(binance)) {
            BinanceOrders orders = new BinanceOrders(rest, BinanceOrders.Conditions.DEFAULT, Duration.ofMillis(10));
            Symbol symbol = Symbol.of(BTC_PERP);

            OrderAnswer entry = orders.market("tf-e", symbol, Side.BUY, BigDecimal.TEN,
                    false, false);
            OrderAnswer stop = orders.stop("tf-s", symbol, Side.SELL, "STOP_MARKET",
                    BigDecimal.TEN, new BigDecimal("49000.0"), false);
            binance.mark(BTC_PERP, "48000.0");

            assertThat(entry.status()).isEqualTo("FILLED");
            assertThat(stop.status()).isEqualTo("NEW");
            assertThat(orders.order(symbol, "tf-s").orElseThrow().status()).isEqualTo("FILLED");
            assertThat(orders.trades(symbol, stop.orderId())).singleElement()
                    .satisfies(t -> assertThat(t.commissionAsset()).isEqualTo("BTC"));
            assertThat(orders.positions(symbol)).singleElement()
                    .satisfies(p -> assertThat(p.positionAmount()).isZero());
            assertThat(orders.accountState().orders()).isEmpty();
        }
    }

    @Test
    void theServicesUserStreamConnectsByPathAndComesBackAfterADrop() throws Exception {
        binance.mark(BTC_PERP, "50000.0");
        List<UserEvent> events = new CopyOnWriteArrayList<>();
        List<String> states = new CopyOnWriteArrayList<>();
        Vertx vertx = Vertx.vertx();
        try (BinanceRest rest = FakeClient.of(binance);
             UserStream stream = new UserStream("testnet", rest, URI.create(binance.userStreamUrl()), vertx,
                     new UserStream.Timing(Duration.ofMinutes(30), Duration.ofMinutes(2), Duration.ofMillis(200)),
                     new UserStream.Listener() {
                         @Override
                         public void event(UserEvent event) {
                             events.add(event);
                         }

                         @Override
                         public void connected(boolean afterGap) {
                             states.add(afterGap ? "connected after a gap" : "connected");
                         }

                         @Override
                         public void disconnected(String why) {
                             states.add("disconnected");
                         }
                     })) {
            stream.start();
            await().atMost(GUARD).until(stream::connected);
            assertThat(binance.acceptedStreams()).singleElement().asString().startsWith("/ws/");

            order("symbol", BTC_PERP, "side", "BUY", "type", "MARKET", "quantity", "10");
            await().atMost(GUARD).until(() -> events.stream().anyMatch(e -> e instanceof UserEvent.AccountUpdate));
            binance.dropStream();

            await().atMost(GUARD).until(() -> states.contains("connected after a gap"));
            assertThat(binance.acceptedStreams()).hasSize(2);
        } finally {
            vertx.close();
        }
    }

    // ---- helpers (the wire client: FakeWire)

    private Answer order(String... params) throws Exception {
        return signed("POST", "/dapi/v1/order", params);
    }

    /** A reduce-only SELL stop of 10 contracts, triggered by the mark, price-protected. */
    private Answer stop(String type, String stopPrice, String clientOrderId) throws Exception {
        return order("symbol", BTC_PERP, "side", "SELL", "type", type, "quantity", "10", "stopPrice", stopPrice,
                "reduceOnly", "true", "workingType", "MARK_PRICE", "priceProtect", "TRUE",
                "newClientOrderId", clientOrderId);
    }

    private Answer signed(String method, String path, String... params) throws Exception {
        return wire.signed(method, path, params);
    }

    private Stream connect() throws Exception {
        String key = wire.listenKey("POST", "/dapi/v1/listenKey");
        return wire.connect(binance.userStreamUrl() + "/ws/" + key);
    }
}
