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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of several series, each with more klines than a list keeps, interleaved and with late repeats, written in
 * one call ends exactly as the former one-EVAL-per-kline writer left Redis; written again, it changes nothing.
 * Runs in the shared Quarkus test application (same profile as the other tests) for its Redis client only.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class CandleBatchWriterTest {
    /** The former writer's script, one kline per call: the reference the batches must match. */
    private static final String ONE_KLINE = """
            local last = redis.call('LINDEX', KEYS[1], -1)
            if last and tonumber(cjson.decode(last)['openTime']) >= tonumber(ARGV[2]) then return 0 end
            redis.call('RPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], -tonumber(ARGV[3]), -1)
            redis.call('SET', KEYS[2], ARGV[4])
            return 1
            """;
    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("BATCHAUSDT"), Symbol.of("BATCHBUSDT"), Symbol.of("BATCHCUSDT"));
    private static final List<Interval> INTERVALS = List.of(Interval.ONE_MINUTE, Interval.FIVE_MINUTES);
    private static final long START = 1700006400000L;
    private static final int PER_SERIES = 700;
    /** Already in the first list before the batch: the batch overlaps it, as a retried batch does. */
    private static final int ALREADY_WRITTEN = 300;

    @Inject
    RedisDataSource redis;
    @Inject
    CandleStore store;

    @BeforeEach
    void deleteKeys() {
        redis.key().del(keys().toArray(String[]::new));
    }

    @Test
    void aBatchOfManySeriesLeavesEachListAsTheOneKlineAtATimeWriterDidAndWritingItTwiceChangesNothing() {
        int keep = store.keep();
        assertThat(PER_SERIES).isGreaterThan(keep);
        List<KlineClosed> batch = interleavedWithRepeats();
        var writer = new CandleBatchWriter(redis, keep);

        alreadyWritten().forEach(kline -> oneAtATime(kline, keep));
        batch.forEach(kline -> oneAtATime(kline, keep));
        Map<String, List<String>> expected = snapshot();

        deleteKeys();
        alreadyWritten().forEach(kline -> oneAtATime(kline, keep));
        int appended = writer.write(encoded(batch));
        assertThat(snapshot()).isEqualTo(expected);
        assertThat(appended).isEqualTo(SYMBOLS.size() * INTERVALS.size() * PER_SERIES - ALREADY_WRITTEN);

        assertThat(writer.write(encoded(batch))).isZero();
        assertThat(snapshot()).isEqualTo(expected);

        for (Symbol symbol : SYMBOLS) {
            for (Interval interval : INTERVALS) {
                List<Long> openTimes = redis.list(String.class).lrange(candlesKey(symbol, interval), 0, -1).stream()
                        .map(json -> EventCodec.decode(json, KlineClosed.class).openTime()).toList();
                List<Long> newest = new ArrayList<>();
                for (int i = PER_SERIES - keep; i < PER_SERIES; i++) {
                    newest.add(openTime(interval, i));
                }
                assertThat(openTimes).as(candlesKey(symbol, interval)).isEqualTo(newest);
            }
            assertThat(redis.value(String.class).get(CandleStore.priceKey(symbol))).isEqualTo(lastAppendedClose(batch, symbol));
        }
    }

    @Test
    void theSameKlinesInTheWritersBatchSizeEndAsInOneBatch() {
        int keep = store.keep();
        List<KlineClosed> klines = interleavedWithRepeats();
        var writer = new CandleBatchWriter(redis, keep);
        writer.write(encoded(klines));
        Map<String, List<String>> inOne = snapshot();

        deleteKeys();
        for (int from = 0; from < klines.size(); from += CandleStore.BATCH) {
            writer.write(encoded(klines.subList(from, Math.min(from + CandleStore.BATCH, klines.size()))));
        }
        assertThat(snapshot()).isEqualTo(inOne);
    }

    private static List<CandleWrite> encoded(List<KlineClosed> klines) {
        return klines.stream().map(CandleWrite::of).toList();
    }

    private void oneAtATime(KlineClosed kline, int keep) {
        redis.execute("EVAL", ONE_KLINE, "2", CandleStore.candlesKey(kline), CandleStore.priceKey(kline.symbol()),
                EventCodec.encodeToString(kline), Long.toString(kline.openTime()), Integer.toString(keep),
                kline.close().toPlainString());
    }

    /** Every list whole and every price, by key. */
    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> state = new LinkedHashMap<>();
        for (Symbol symbol : SYMBOLS) {
            for (Interval interval : INTERVALS) {
                state.put(candlesKey(symbol, interval), redis.list(String.class).lrange(candlesKey(symbol, interval), 0, -1));
            }
            state.put(CandleStore.priceKey(symbol), List.of(String.valueOf(redis.value(String.class).get(CandleStore.priceKey(symbol)))));
        }
        return state;
    }

    /**
     * All series' klines in one queue, each series in order but the series mixed at random, with a kline already
     * written coming again now and then and at the very end (a late repeat the lists and prices must not take).
     */
    private static List<KlineClosed> interleavedWithRepeats() {
        Random random = new Random(14);
        int series = SYMBOLS.size() * INTERVALS.size();
        int[] next = new int[series];
        List<KlineClosed> queue = new ArrayList<>();
        int left = series * PER_SERIES;
        while (left > 0) {
            int s = random.nextInt(series);
            if (next[s] == PER_SERIES) {
                continue;
            }
            left--;
            Symbol symbol = SYMBOLS.get(s / INTERVALS.size());
            Interval interval = INTERVALS.get(s % INTERVALS.size());
            queue.add(kline(symbol, interval, next[s]++));
            if (next[s] > 10 && random.nextInt(50) == 0) {
                queue.add(kline(symbol, interval, random.nextInt(next[s])));
            }
        }
        // Last of all, a repeat per symbol: its close must not become the price.
        SYMBOLS.forEach(symbol -> queue.add(kline(symbol, INTERVALS.getFirst(), PER_SERIES - 2)));
        return queue;
    }

    /** The close of the last kline of {@code symbol} (any interval) that was newer than its list's last. */
    private static String lastAppendedClose(List<KlineClosed> batch, Symbol symbol) {
        Map<String, Long> newest = new LinkedHashMap<>();
        alreadyWritten().forEach(kline -> newest.put(CandleStore.candlesKey(kline), kline.openTime()));
        String close = null;
        for (KlineClosed kline : batch) {
            if (kline.openTime() > newest.getOrDefault(CandleStore.candlesKey(kline), Long.MIN_VALUE)) {
                newest.put(CandleStore.candlesKey(kline), kline.openTime());
                if (kline.symbol().equals(symbol)) {
                    close = kline.close().toPlainString();
                }
            }
        }
        return close;
    }

    private static List<KlineClosed> alreadyWritten() {
        List<KlineClosed> klines = new ArrayList<>();
        for (int i = 0; i < ALREADY_WRITTEN; i++) {
            klines.add(kline(SYMBOLS.getFirst(), INTERVALS.getFirst(), i));
        }
        return klines;
    }

    private static KlineClosed kline(Symbol symbol, Interval interval, int i) {
        long open = openTime(interval, i);
        long length = interval.duration().toMillis();
        // Each series its own closes, so the price key shows which kline was applied last.
        BigDecimal close = new BigDecimal(100 + SYMBOLS.indexOf(symbol) * 10 + INTERVALS.indexOf(interval))
                .add(BigDecimal.valueOf(i, 3));
        return new KlineClosed(KlineSource.REPLAY, Market.USD_M, symbol, interval, open, open + length - 1,
                close, close.add(BigDecimal.ONE), close.subtract(BigDecimal.ONE), close, new BigDecimal("1.5"),
                new BigDecimal("300"), 7, open + length, open + length);
    }

    private static long openTime(Interval interval, int i) {
        return START + i * interval.duration().toMillis();
    }

    private static String candlesKey(Symbol symbol, Interval interval) {
        return "candles:" + symbol.value() + ":" + interval.code();
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Symbol symbol : SYMBOLS) {
            INTERVALS.forEach(interval -> keys.add(candlesKey(symbol, interval)));
            keys.add(CandleStore.priceKey(symbol));
        }
        return keys;
    }
}
