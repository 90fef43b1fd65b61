package io.tradeflow.position.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.PositionChanged;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.core.position.Statistics;
import io.tradeflow.position.Orders;
import io.tradeflow.position.persistence.EquityPointEntity;
import io.tradeflow.position.persistence.PositionEntity;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The REST API over real bookings: a target filled in two trades, the first fee charged in BNB and converted at the
 * BNB price of the 1-minute kline in Redis at fill time (the second worked case); a BNB fee with no price at
 * fill time reported apart; a COIN-M position in BTC; an open position marked at Redis' latest price; statistics,
 * equity, paging and problem+json errors; metrics.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PositionApiTest {
    private static final Symbol SYMBOL = Symbol.of("POSAPIUSDT");
    private static final Symbol OLD_SYMBOL = Symbol.of("POSAPIOLDUSDT");
    private static final Symbol COIN_SYMBOL = Symbol.of("POSAPIUSD_PERP");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    RedisDataSource redis;
    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    void book() {
        long now = System.currentTimeMillis();
        // market-data-service's candle list of BNBUSDT: the 1-minute kline that closed just before the fills, at 600.0
        long minute = now / 60_000 * 60_000 - 60_000;
        Kline bnb = new Kline(Symbol.of("BNBUSDT"), Interval.ONE_MINUTE, minute, minute + 59_999, new BigDecimal("601.0"),
                new BigDecimal("602.0"), new BigDecimal("599.0"), new BigDecimal("600.0"), BigDecimal.TEN,
                new BigDecimal("6000"), 10);
        redis.key().del("candles:BNBUSDT:1m");
        redis.list(String.class).rpush("candles:BNBUSDT:1m", EventCodec.encodeToString(
                KlineClosed.of(bnb, KlineSource.REPLAY, Market.USD_M, bnb.closeTime(), now)));
        redis.value(String.class).set("price:" + SYMBOL.value(), "36000.0");
        var entry = Orders.entry("api-bnb", SYMBOL, "a1", Side.BUY, "0.028");
        var target = Orders.takeProfit("api-bnb", SYMBOL, "a1", Side.SELL, "0.028", "35700.0");
        var open = Orders.entry("api-open", SYMBOL, "b1", Side.BUY, "0.010");
        // Filled in 2023: far older than fee-price-max-age, so today's BNB price is not the price at fill time.
        long then = 1_700_006_460_000L;
        var oldEntry = Orders.entry("api-old", OLD_SYMBOL, "c1", Side.BUY, "0.028");
        var oldTarget = Orders.takeProfit("api-old", OLD_SYMBOL, "c1", Side.SELL, "0.028", "35700.0");
        var coinEntry = Orders.entry("api-coin", COIN_SYMBOL, "e1", Side.BUY, "10");
        var coinExit = Orders.exit("api-coin", COIN_SYMBOL, "e2", Side.SELL, "10", CloseReason.SIGNAL_EXIT);
        List<OrderUpdated> orders = List.of(
                Orders.coinMargined(coinEntry.fill("10", "10", "35000.0", "0.00002857", "BTC", "3008", then)),
                Orders.coinMargined(coinExit.fill("10", "10", "36000.0", "0.00002778", "BTC", "3009", then + 60_000)),
                entry.fill("0.028", "0.028", "35567.2", "0.39835264", "USDT", "3001", now - 2_000),
                target.fill("0.010", "0.010", "35700.0", "0.000238", "BNB", "3002", now - 1_000),
                target.fill("0.028", "0.018", "35701.0", "0.2570472", "USDT", "3003", now),
                open.fill("0.010", "0.010", "35000.0", "0.175", "USDT", "3004", now),
                oldEntry.fill("0.028", "0.028", "35567.2", "0.39835264", "USDT", "3005", then),
                oldTarget.fill("0.010", "0.010", "35700.0", "0.000238", "BNB", "3006", then + 60_000),
                oldTarget.fill("0.028", "0.018", "35701.0", "0.2570472", "USDT", "3007", then + 60_500));
        Orders.send(bootstrap, orders);
        await().atMost(Duration.ofSeconds(60)).until(() -> Orders.positionsOf(bootstrap, "api-old").size() == 3
                && Orders.positionsOf(bootstrap, "api-bnb").size() == 3
                && Orders.positionsOf(bootstrap, "api-open").size() == 1
                && Orders.positionsOf(bootstrap, "api-coin").size() == 2);
    }

    @Test
    void aBnbFeeIsConvertedAtTheBnbPriceAtFillTime() throws Exception {
        PositionChanged closed = Orders.positionsOf(bootstrap, "api-bnb").getLast();
        assertThat(closed.fees()).isEqualByComparingTo("0.65539984");
        assertThat(closed.otherFees()).containsOnlyKeys("BNB");
        assertThat(closed.otherFees().get("BNB")).isEqualByComparingTo("0.000238");
        assertThat(closed.convertedFees()).isEqualByComparingTo("0.1428");
        assertThat(closed.unconvertedFees()).isNull();
        assertThat(closed.netRealizedPnl().toPlainString()).isEqualTo("2.93820016");

        JsonNode position = get("/api/v1/positions?botId=api-bnb").body().get("items").get(0);
        assertThat(position.get("netRealizedPnl").asText()).isEqualTo("2.93820016");
        assertThat(position.get("otherFees").get("BNB").asText()).isEqualTo("0.000238");
        assertThat(position.get("closeReason").asText()).isEqualTo("TAKE_PROFIT");
        assertThat(position.get("exitPrice").asText()).isEqualTo("35700.64285714");
    }

    @Test
    void aCoinMarginedPositionIsAccountedInTheCoin() throws Exception {
        PositionChanged closed = Orders.positionsOf(bootstrap, "api-coin").getLast();
        // 10 contracts x 100 USD x (1/35000 - 1/36000) BTC = 0.000793650..., 8 places
        assertThat(closed.realizedPnl().toPlainString()).isEqualTo("0.00079365");
        assertThat(closed.marginAsset()).isEqualTo("BTC");
        assertThat(closed.fees()).isEqualByComparingTo("0.00005635");
        assertThat(closed.netRealizedPnl()).isEqualByComparingTo("0.00073730");
        QuarkusTransaction.requiringNew().run(() -> {
            PositionEntity row = PositionEntity.findById(closed.positionId());
            assertThat(row.contract).isEqualTo("INVERSE");
            assertThat(row.contractSize).isEqualByComparingTo("100");
            // 10 x 100 / 36000 to 24 places, kept as computed by PostgreSQL's numeric
            assertThat(row.exitValue.toPlainString()).isEqualTo("0.027777777777777777777778");
        });
        assertThat(get("/api/v1/bots/api-coin/statistics").body().get(0).get("marginAsset").asText())
                .isEqualTo("BTC");
    }

    @Test
    void aBnbFeeWithoutAPriceAtFillTimeIsReportedApart() {
        PositionChanged closed = Orders.positionsOf(bootstrap, "api-old").getLast();
        assertThat(closed.convertedFees()).isNull();
        assertThat(closed.unconvertedFees().get("BNB")).isEqualByComparingTo("0.000238");
        // 3.7364 - 0.65539984: the BNB fee is not subtracted as if it were USDT
        assertThat(closed.netRealizedPnl().toPlainString()).isEqualTo("3.08100016");
    }

    @Test
    void openPositionsAreMarkedAtTheLatestPrice() throws Exception {
        JsonNode page = get("/api/v1/positions?botId=api-open&status=open").body();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        JsonNode open = page.get("items").get(0);
        assertThat(open.get("markPrice").asText()).isEqualTo("36000.0");
        assertThat(open.get("unrealizedPnl").asText()).isEqualTo("10.0000");
        assertThat(get("/api/v1/positions?botId=api-open&status=closed").body().get("total").asLong()).isZero();
    }

    @Test
    void statisticsAndEquityOfABot() throws Exception {
        JsonNode stats = get("/api/v1/bots/api-bnb/statistics").body().get(0);
        assertThat(stats.get("marginAsset").asText()).isEqualTo("USDT");
        assertThat(stats.get("positions").asLong()).isEqualTo(1);
        assertThat(stats.get("wins").asLong()).isEqualTo(1);
        assertThat(stats.get("winRate").asText()).isEqualTo("1.0000");
        assertThat(stats.get("netPnl").asText()).isEqualTo("2.93820016");
        assertThat(stats.get("todayNetPnl").asText()).isEqualTo("2.93820016");
        assertThat(stats.get("fees").asText()).isEqualTo("0.79819984");
        assertThat(stats.get("profitFactor").isNull()).isTrue();
        // The 2023 position closed long before today.
        assertThat(get("/api/v1/bots/api-old/statistics").body().get(0).get("todayNetPnl").asText()).isEqualTo("0");

        JsonNode equity = get("/api/v1/bots/api-bnb/equity").body();
        assertThat(equity).hasSize(1);
        assertThat(equity.get(0).get("equity").asText()).isEqualTo("2.93820016");

        // Every bot of every test here: the fold of all USDT equity points, in the order they closed.
        JsonNode usdt = null;
        for (JsonNode entry : get("/api/v1/statistics").body()) {
            usdt = entry.get("marginAsset").asText().equals("USDT") ? entry : usdt;
        }
        Statistics expected = QuarkusTransaction.requiringNew().call(() -> EquityPointEntity
                .<EquityPointEntity>list("marginAsset", Sort.by("closedAt", "positionId"), "USDT").stream()
                .reduce(Statistics.NONE, (s, p) -> s.add(p.netRealizedPnl, p.fees, p.rMultiple), (a, b) -> a));
        assertThat(usdt.get("positions").asLong()).isEqualTo(expected.positions()).isGreaterThanOrEqualTo(2);
        assertThat(usdt.get("netPnl").asText()).isEqualTo(expected.netPnl().toPlainString());
        assertThat(usdt.get("maxDrawdown").asText()).isEqualTo(expected.maxDrawdown().toPlainString());
        assertThat(usdt.get("botId").isNull()).isTrue();
    }

    @Test
    void tradesArePagedNewestFirstAndFilteredByTime() throws Exception {
        JsonNode page = get("/api/v1/trades?botId=api-old&size=2").body();
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("items").findValuesAsText("tradeId")).containsExactly("3007", "3006");
        assertThat(get("/api/v1/trades?botId=api-old&size=2&page=1").body().get("items").findValuesAsText("tradeId"))
                .containsExactly("3005");
        JsonNode since = get("/api/v1/trades?botId=api-old&from=1700006520000").body();
        assertThat(since.get("items").findValuesAsText("tradeId")).containsExactly("3007", "3006");
        assertThat(since.get("items").get(1).get("feeAsset").asText()).isEqualTo("BNB");
    }

    @Test
    void invalidQueriesGetAProblemNamingTheParameter() throws Exception {
        Reply size = get("/api/v1/trades?size=0");
        assertThat(size.status()).isEqualTo(400);
        assertThat(size.contentType()).startsWith("application/problem+json");
        assertThat(size.body().get("field").asText()).isEqualTo("size");

        Reply status = get("/api/v1/positions?status=maybe");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.body().get("field").asText()).isEqualTo("status");

        Reply range = get("/api/v1/trades?from=20&to=10");
        assertThat(range.body().get("field").asText()).isEqualTo("to");

        Reply symbol = get("/api/v1/positions?symbol=btc-usdt");
        assertThat(symbol.body().get("field").asText()).isEqualTo("symbol");

        Reply missing = get("/api/v1/positions/pos-nothing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void metricsHealthAndOpenApiAreServed() throws Exception {
        String metrics = getText("/q/metrics");
        assertThat(metrics).contains("tradeflow_positions_open");
        assertThat(metrics).containsPattern("tradeflow_position_realized_pnl\\{asset=\"USDT\",bot=\"api-bnb\"[^}]*} 2\\.938");
        assertThat(metrics).containsPattern("tradeflow_position_order_events_total\\{[^}]*outcome=\"booked\"");
        assertThat(getText("/q/health/ready")).contains("\"status\": \"UP\"");
        assertThat(getText("/q/openapi")).contains("/api/v1/trades");
    }

    private record Reply(int status, String contentType, JsonNode body) {
    }

    private Reply get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                JSON.readTree(response.body()));
    }

    private String getText(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
