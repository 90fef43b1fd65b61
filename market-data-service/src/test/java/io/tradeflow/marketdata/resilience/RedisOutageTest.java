package io.tradeflow.marketdata.resilience;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.devstack.RedisCommands;
import io.tradeflow.marketdata.cache.CandleStore;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.replay.KlineTopic;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis refusing the service (its connections killed, a password it does not know): klines still reach Kafka,
 * readiness says the cache is stale, and once Redis accepts the service again every kline is in the candle list.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class RedisOutageTest {
    private static final Symbol SYMBOL = Symbol.of("REDISDOWNUSDT");
    private static final long START = 1700006400000L;
    private static final int KLINES = 50;

    @Inject
    KlineSink sink;
    @Inject
    CandleStore candles;
    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @TestHTTPResource("/q/health/ready")
    URL readiness;

    @Test
    void klinesReachKafkaWhileRedisIsDownAndRedisCatchesUpWhenItIsBack() throws Exception {
        String key = "candles:" + SYMBOL.value() + ":1m";
        try (var admin = new RedisCommands(redisUrl)) {
            admin.refuseOthers();
            try {

                IntStream.range(0, KLINES).forEach(i -> assertThat(sink.accept(kline(i), KlineSource.REPLAY, kline(i).closeTime()))
                        .isEqualTo(KlineSink.Outcome.PUBLISHED));

                assertThat(KlineTopic.readAll(bootstrap, k -> k.symbol().equals(SYMBOL), KLINES)).hasSize(KLINES);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(candles.lastError()).isNotNull();
                    assertThat(candles.backlog()).isPositive();
                    assertThat(status(readiness)).isEqualTo(503);
                });
            } finally {
                admin.acceptOthers();
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(candles.backlog()).isZero();
            assertThat(candles.lastError()).isNull();
            assertThat(redis.list(String.class).llen(key)).isEqualTo(KLINES);
        });
        assertThat(redis.list(String.class).lrange(key, -1, -1).getFirst()).contains("\"openTime\":" + kline(KLINES - 1).openTime());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(readiness)).isEqualTo(200));
    }

    static int status(URL url) throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url.toString())).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }

    private static Kline kline(int i) {
        long open = START + i * 60_000L;
        BigDecimal close = new BigDecimal("200.00").add(BigDecimal.valueOf(i, 2));
        return new Kline(SYMBOL, Interval.ONE_MINUTE, open, open + 59_999, close, close.add(BigDecimal.ONE),
                close.subtract(BigDecimal.ONE), close, new BigDecimal("1.5"), new BigDecimal("300"), 7);
    }
}
