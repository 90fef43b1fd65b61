package io.tradeflow.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.gateway.Http;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The market endpoints on the devstack's Redis, holding what market-data-service writes there. Its writer
 * ({@code market-data-service: cache.CandleStore.write}) is not reachable from here, so its format is written the
 * same way: {@code RPUSH candles:{SYMBOL}:{INTERVAL}} of the event codec's JSON of each {@code KlineClosed}, newest
 * last, and {@code SET price:{SYMBOL}} to the plain decimal.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "test", roles = "viewer")
class MarketDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Symbol SYMBOL = new Symbol("GWMARKETUSDT");
    private static final long T0 = 1_700_006_400_000L;

    @TestHTTPResource("/")
    URL base;
    @Inject
    RedisDataSource redis;

    @BeforeEach
    void cache() {
        redis.key().del("candles:GWMARKETUSDT:1m", "price:GWMARKETUSDT");
        String[][] rows = {{"35560.00", "35580.10", "35550.00", "35567.20", "12.345"},
                {"35567.20", "35600.00", "35567.20", "35590.50", "8.000"},
                {"35590.50", "35595.00", "35570.00", "35571.30", "0.001"}};
        for (int i = 0; i < rows.length; i++) {
            long open = T0 + i * 60_000L;
            Kline kline = new Kline(SYMBOL, Interval.ONE_MINUTE, open, open + 59_999, new BigDecimal(rows[i][0]),
                    new BigDecimal(rows[i][1]), new BigDecimal(rows[i][2]), new BigDecimal(rows[i][3]),
                    new BigDecimal(rows[i][4]), new BigDecimal("1000.50"), 42 + i);
            redis.list(String.class).rpush("candles:GWMARKETUSDT:1m",
                    EventCodec.encodeToString(KlineClosed.of(kline, KlineSource.REPLAY, Market.USD_M, open + 60_000,
                            open + 60_010)));
        }
        redis.value(String.class).set("price:GWMARKETUSDT", "35571.30");
    }

    @Test
    void theNewestKlinesOldestFirstWithTheirDecimalsAsWritten() throws Exception {
        JsonNode two = JSON.readTree(get("/api/v1/market/candles/gwmarketusdt/1m?limit=2").body());
        assertThat(two).hasSize(2);
        assertThat(two.get(0)).isEqualTo(JSON.readTree("""
                {"openTime":1700006460000,"closeTime":1700006519999,"open":"35567.20","high":"35600.00",
                 "low":"35567.20","close":"35590.50","volume":"8.000","quoteVolume":"1000.50","trades":43}"""));
        assertThat(two.get(1).get("openTime").asLong()).isEqualTo(T0 + 120_000);

        JsonNode all = JSON.readTree(get("/api/v1/market/candles/GWMARKETUSDT/1m").body());
        assertThat(all).extracting(k -> k.get("close").asText()).containsExactly("35567.20", "35590.50", "35571.30");

        var price = get("/api/v1/market/price/GWMARKETUSDT");
        assertThat(price.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(price.body())).isEqualTo(JSON.readTree(
                "{\"symbol\":\"GWMARKETUSDT\",\"price\":\"35571.30\"}"));
    }

    @Test
    void nothingInRedisIs404AndABadParameterA400NamingIt() throws Exception {
        assertThat(get("/api/v1/market/candles/GWMARKETUSDT/5m").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/market/price/GWNOTHINGUSDT").statusCode()).isEqualTo(404);
        assertField(get("/api/v1/market/candles/btc-usdt/1m"), "symbol");
        assertField(get("/api/v1/market/candles/GWMARKETUSDT/1H"), "interval");
        assertField(get("/api/v1/market/candles/GWMARKETUSDT/1m?limit=0"), "limit");
        assertField(get("/api/v1/market/candles/GWMARKETUSDT/1m?limit=1001"), "limit");
        assertField(get("/api/v1/market/candles/GWMARKETUSDT/1m?limit=ten"), "limit");
        assertField(get("/api/v1/market/price/btc-usdt"), "symbol");
    }

    private static void assertField(HttpResponse<String> answer, String field) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(answer.body()).get("field").asText()).isEqualTo(field);
    }

    private HttpResponse<String> get(String path) {
        return Http.send(base, "GET", path, null, Map.of());
    }
}
