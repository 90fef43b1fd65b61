package io.tradeflow.marketdata.cache;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.marketdata.config.MarketDataConfig;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * Keeps Redis' {@code candles:{SYMBOL}:{INTERVAL}} (newest last, trimmed) and {@code price:{SYMBOL}} up to date.
 *
 * <p>Redis is a cache, never the source of truth, so it must not slow or stop publishing: klines are queued and
 * one writer thread applies them in order. While Redis is down the writer keeps retrying the oldest write and the
 * queue fills; when Redis is back it catches up. The queue is bounded; past the bound the oldest writes are dropped
 * (counted, and the lists are then short of those klines until they scroll out).
 */
@ApplicationScoped
public class CandleStore {
    private static final Logger LOG = Logger.getLogger(CandleStore.class);
    private static final int QUEUE_CAPACITY = 200_000;
    /** Appends only a kline newer than the list's last one, so a retried write never duplicates. */
    private static final String APPEND = """
            local last = redis.call('LINDEX', KEYS[1], -1)
            if last and tonumber(cjson.decode(last)['openTime']) >= tonumber(ARGV[2]) then return 0 end
            redis.call('RPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], -tonumber(ARGV[3]), -1)
            redis.call('SET', KEYS[2], ARGV[4])
            return 1
            """;

    private final RedisDataSource redis;
    private final MarketDataMetrics metrics;
    private final int keep;
    private final BlockingDeque<KlineClosed> pending = new LinkedBlockingDeque<>(QUEUE_CAPACITY);
    private final Map<Symbol, BigDecimal> latestPrices = new ConcurrentHashMap<>();
    private volatile String lastError;
    private volatile boolean running = true;
    private Thread writer;

    public CandleStore(RedisDataSource redis, MarketDataMetrics metrics, MarketDataConfig config) {
        this.redis = redis;
        this.metrics = metrics;
        this.keep = config.candles().keep();
        if (keep < 200) {
            throw new IllegalArgumentException("tradeflow.market-data.candles.keep must be at least 200 (indicators need it to warm up), got " + keep);
        }
    }

    void start(@Observes StartupEvent ignored) {
        writer = Thread.ofPlatform().daemon().name("redis-candle-writer").start(this::writeLoop);
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!pending.isEmpty() && lastError == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        running = false;
        if (writer != null) {
            writer.interrupt();
        }
    }

    /** Queues a published kline for its Redis list. Never blocks the caller. */
    public void append(KlineClosed kline) {
        while (!pending.offerLast(kline)) {
            if (pending.pollFirst() != null) {
                metrics.redisError();
                LOG.warn("Redis write queue full: dropped the oldest kline write");
            }
        }
    }

    /** The latest traded price of {@code symbol}; only the newest per symbol is written. */
    public void updatePrice(Symbol symbol, BigDecimal price) {
        latestPrices.put(symbol, price);
    }

    /** Klines not yet in Redis. */
    public int backlog() {
        return pending.size();
    }

    /** The last Redis error while writes are failing, or null when Redis is keeping up. */
    public String lastError() {
        return lastError;
    }

    public int keep() {
        return keep;
    }

    public static String candlesKey(KlineClosed kline) {
        return "candles:" + kline.symbol().value() + ":" + kline.interval().code();
    }

    public static String priceKey(Symbol symbol) {
        return "price:" + symbol.value();
    }

    private void writeLoop() {
        long backoff = 100;
        while (running) {
            try {
                KlineClosed next = pending.pollFirst(200, TimeUnit.MILLISECONDS);
                if (next == null) {
                    flushPrices();
                } else {
                    try {
                        write(next);
                    } catch (RuntimeException e) {
                        pending.offerFirst(next);
                        throw e;
                    }
                }
                recovered();
                backoff = 100;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failed(e);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void write(KlineClosed kline) {
        redis.execute("EVAL", APPEND, "2", candlesKey(kline), priceKey(kline.symbol()),
                EventCodec.encodeToString(kline), Long.toString(kline.openTime()), Integer.toString(keep),
                kline.close().toPlainString());
    }

    private void flushPrices() {
        for (var entry : latestPrices.entrySet()) {
            redis.value(String.class).set(priceKey(entry.getKey()), entry.getValue().toPlainString());
            latestPrices.remove(entry.getKey(), entry.getValue());
        }
    }

    private void failed(RuntimeException e) {
        metrics.redisError();
        if (lastError == null) {
            LOG.errorf("Redis write failed (%s); publishing to Kafka goes on, Redis will catch up when it is back", e.getMessage());
        }
        lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void recovered() {
        if (lastError != null) {
            LOG.infof("Redis is back; %d kline writes still to catch up", pending.size());
            lastError = null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
