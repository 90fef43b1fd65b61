package io.tradeflow.marketdata.cache;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.devstack.DevStackResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code price:{SYMBOL}} keeps up while the candle writer is never idle: klines of other symbols stream in all the
 * while (a replay, or many symbols live), yet each update of an open kline, and each close, reaches Redis within a
 * write or two; and an older close acknowledged late never hides a newer update.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class SteadyStreamPriceTest {
    private static final Symbol BUSY = Symbol.of("STEADYBUSYUSDT");
    private static final Symbol WATCHED = Symbol.of("STEADYWATCHUSDT");
    private static final long START = 1700006400000L;
    private static final long MINUTE = 60_000;
    /** Far more than a write takes (a few ms), far less than the stream lasts. */
    private static final Duration WITHIN = Duration.ofSeconds(2);

    @Inject
    CandleStore store;
    @Inject
    RedisDataSource redis;

    @Test
    void pricesFollowUpdatesAndClosesUnderASteadyStreamAndAnOlderCloseNeverHidesANewerUpdate() throws Exception {
        redis.key().del(CandleStore.priceKey(WATCHED), CandleStore.priceKey(BUSY), "candles:" + BUSY.value() + ":1m",
                "candles:" + WATCHED.value() + ":1m");
        AtomicBoolean streaming = new AtomicBoolean(true);
        Thread busy = Thread.ofPlatform().name("steady-stream").start(() -> {
            for (int i = 0; streaming.get(); i++) {
                appendPublished(kline(BUSY, i, new BigDecimal("500")));
                if (i % 20 == 0) {
                    sleep(1);
                }
            }
        });
        try {
            await().atMost(WITHIN).until(() -> store.backlog() > 0 || redis.value(String.class).get(CandleStore.priceKey(BUSY)) != null);
            for (int minute = 0; minute < 5; minute++) {
                long open = START + minute * MINUTE;
                for (int update = 1; update <= 3; update++) {
                    String price = "100." + minute + update;
                    store.updatePrice(WATCHED, new BigDecimal(price), open + update * 250L);
                    await().atMost(WITHIN).untilAsserted(() -> assertThat(price(WATCHED)).isEqualTo(price));
                }
                // The next kline's first update comes before this kline's close is acknowledged: the close is older.
                String nextKlines = "200." + minute;
                long klinesWritten = minute + 1L;
                store.updatePrice(WATCHED, new BigDecimal(nextKlines), open + MINUTE + 100);
                appendPublished(kline(WATCHED, minute, new BigDecimal("150." + minute)));
                await().atMost(WITHIN).untilAsserted(() -> assertThat(
                        redis.list(String.class).llen("candles:" + WATCHED.value() + ":1m")).isEqualTo(klinesWritten));
                await().during(Duration.ofMillis(100)).atMost(WITHIN).untilAsserted(() -> assertThat(price(WATCHED)).isEqualTo(nextKlines));
            }
            assertThat(streaming).as("the stream ran all along").isTrue();
            assertThat(busy.isAlive()).isTrue();
        } finally {
            streaming.set(false);
            busy.join();
        }
        // The close of the busy symbol's newest kline is its price once the writer has caught up.
        await().atMost(Duration.ofSeconds(30)).until(() -> store.backlog() == 0);
        assertThat(price(BUSY)).isEqualTo("500");
    }

    private String price(Symbol symbol) {
        return redis.value(String.class).get(CandleStore.priceKey(symbol));
    }

    /** As the publisher hands it over once Kafka has it: with its JSON. */
    private void appendPublished(KlineClosed kline) {
        store.append(kline, EventCodec.encode(kline));
    }

    private static KlineClosed kline(Symbol symbol, int i, BigDecimal close) {
        long open = START + i * MINUTE;
        return new KlineClosed(KlineSource.BINANCE, Market.USD_M, symbol, Interval.ONE_MINUTE, open, open + MINUTE - 1,
                close, close, close, close, BigDecimal.ONE, close, 1, open + MINUTE, open + MINUTE);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
