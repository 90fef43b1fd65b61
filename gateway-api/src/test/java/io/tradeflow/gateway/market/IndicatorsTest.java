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
import java.math.RoundingMode;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/bots/{botId}/indicators} on the devstack: 30 klines of known closes written to Redis as
 * market-data-service writes them (see {@link MarketDataTest}), an sma-crossover bot (fast 5, slow 20, and so by
 * default lowest(10) and highest(10)) created over the REST, and its SMAs checked against means computed here.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class IndicatorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Symbol SYMBOL = new Symbol("GWINDUSDT");
    private static final String KEY = "candles:GWINDUSDT:1m";
    private static final long T0 = 1_700_006_400_000L;
    private static final int KLINES = 30;

    @TestHTTPResource("/")
    URL base;
    @Inject
    RedisDataSource redis;

    /** The closes written: irregular, two decimals, so a mean of five has up to three. */
    private final List<BigDecimal> closes = new ArrayList<>();

    @BeforeEach
    void cache() {
        redis.key().del(KEY, "candles:GWINDNONEUSDT:1m");
        closes.clear();
        for (int i = 0; i < KLINES; i++) {
            BigDecimal close = new BigDecimal("37000.00").add(BigDecimal.valueOf((i * 37L) % 23 * 113 + i, 2));
            closes.add(close);
            long open = T0 + i * 60_000L;
            Kline kline = new Kline(SYMBOL, Interval.ONE_MINUTE, open, open + 59_999, close,
                    close.add(BigDecimal.ONE), close.subtract(BigDecimal.ONE), close, new BigDecimal("1.5"),
                    new BigDecimal("55500.00"), 10);
            redis.list(String.class).rpush(KEY, EventCodec.encodeToString(KlineClosed.of(kline, KlineSource.REPLAY,
                    Market.USD_M, open + 60_000, open + 60_010)));
        }
    }

    @Test
    @TestSecurity(user = "test", roles = {"viewer", "trader"})
    void theStrategysIndicatorsOverEveryCachedKlineOldestFirst() throws Exception {
        create("gw-ind-sma", "GWINDUSDT");
        HttpResponse<String> answer = get("/api/v1/bots/gw-ind-sma/indicators");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("botId").asText()).isEqualTo("gw-ind-sma");
        assertThat(body.get("symbol").asText()).isEqualTo("GWINDUSDT");
        assertThat(body.get("interval").asText()).isEqualTo("1m");
        assertThat(body.get("indicators")).extracting(JsonNode::asText)
                .containsExactly("highest(10)", "lowest(10)", "sma(20)", "sma(5)");

        JsonNode points = body.get("points");
        assertThat(points).hasSize(KLINES);
        for (int i = 0; i < KLINES; i++) {
            JsonNode point = points.get(i);
            assertThat(point.get("openTime").asLong()).isEqualTo(T0 + i * 60_000L);
            JsonNode values = point.get("values");
            assertThat(values.has("sma(5)")).as("sma(5) after kline %d", i + 1).isEqualTo(i >= 4);
            assertThat(values.has("sma(20)")).as("sma(20) after kline %d", i + 1).isEqualTo(i >= 19);
            if (i >= 4) {
                assertThat(values.get("sma(5)").asText()).as("sma(5) after kline %d", i + 1).isEqualTo(mean(i, 5));
            }
            if (i >= 19) {
                assertThat(values.get("sma(20)").asText()).as("sma(20) after kline %d", i + 1)
                        .isEqualTo(mean(i, 20));
            }
        }
        assertThat(points.get(12).get("values").get("lowest(10)").asText()).isEqualTo(
                closes.subList(3, 13).stream().min(BigDecimal::compareTo).orElseThrow().subtract(BigDecimal.ONE)
                        .stripTrailingZeros().toPlainString());

        JsonNode three = JSON.readTree(get("/api/v1/bots/gw-ind-sma/indicators?limit=3").body()).get("points");
        assertThat(three).hasSize(3);
        assertThat(three.get(0)).isEqualTo(points.get(KLINES - 3));
        assertThat(three.get(2)).isEqualTo(points.get(KLINES - 1));
        assertThat(JSON.readTree(get("/api/v1/bots/gw-ind-sma/indicators?limit=1000").body()).get("points"))
                .isEqualTo(points);
    }

    @Test
    @TestSecurity(user = "test", roles = {"viewer", "trader"})
    void aBadLimitIs400AnUnknownBotOrSeries404() throws Exception {
        create("gw-ind-limits", "GWINDUSDT");
        create("gw-ind-none", "GWINDNONEUSDT");
        assertProblem(get("/api/v1/bots/gw-ind-limits/indicators?limit=0"), 400, "limit");
        assertProblem(get("/api/v1/bots/gw-ind-limits/indicators?limit=abc"), 400, "limit");
        assertProblem(get("/api/v1/bots/gw-ind-limits/indicators?limit=1001"), 400, "limit");
        assertProblem(get("/api/v1/bots/gw-ind-nobody/indicators"), 404, null);
        HttpResponse<String> noKlines = get("/api/v1/bots/gw-ind-none/indicators");
        assertProblem(noKlines, 404, null);
        assertThat(JSON.readTree(noKlines.body()).get("detail").asText()).startsWith("No klines of GWINDNONEUSDT 1m");
    }

    @Test
    void withoutCredentials401() throws Exception {
        assertProblem(get("/api/v1/bots/gw-ind-sma/indicators"), 401, null);
    }

    /** The mean of the {@code n} closes up to index {@code last}, as the snapshot writes it: 8 places, no zeros. */
    private String mean(int last, int n) {
        BigDecimal sum = closes.subList(last - n + 1, last + 1).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(n), 8, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private void create(String botId, String symbol) {
        HttpResponse<String> created = Http.send(base, "POST", "/api/v1/bots", """
                {"botId": "%s", "symbol": "%s", "interval": "1m",
                 "strategy": {"type": "sma-crossover", "params": {"fast": "5", "slow": "20"}},
                 "risk": {"marginPerTrade": "100", "leverage": 10}}""".formatted(botId, symbol), Map.of());
        // On a developer's own devstack (SharedDevStack) an earlier run's bot, the same one, stays: 409 is as good.
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String field) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(problem.get("field").asText()).isEqualTo(field);
        }
    }

    private HttpResponse<String> get(String path) {
        return Http.send(base, "GET", path, null, Map.of());
    }
}
