package io.tradeflow.marketdata.cache;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.marketdata.config.MarketDataConfig;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps Redis' {@code candles:{SYMBOL}:{INTERVAL}} (newest last, trimmed) and {@code price:{SYMBOL}} up to date.
 *
 * <p>The price is at most one write behind the newest closed kline or update of an open one, whatever the load:
 * after each batch the writer sets every price that changed since ({@link LatestPrices}), and an update alone wakes
 * the writer.
 *
 * <p>Redis is a cache, never the source of truth, so it must not slow or stop publishing: klines are queued and
 * one writer thread applies them in order. While Redis is down the writer keeps retrying its oldest batch and the
 * queue fills; when Redis is back it catches up. The queue is bounded; past the bound the oldest queued writes are
 * dropped (counted, and the lists are then short of those klines until they scroll out).
 *
 * <p>The writer takes everything queued, up to {@value #BATCH} klines, and writes it in one round trip: one EVAL
 * carrying the whole batch ({@link CandleBatchWriter}). A failed batch is kept and retried as a whole; the script
 * appends only klines newer than a list's last, so what a lost reply had already written is not written twice.
 * One EVAL per batch rather than a pipeline of the one-kline script (the Vert.x client's {@code batch}): both take
 * one round trip, but the pipeline still runs the script, and decodes the list's last kline, once per kline, where
 * the batch script does that once per list: measured 2.5 times the pipeline's throughput and 8 times the former
 * one-EVAL-per-kline writer's, with a fifth of Redis' time per kline (docs/benchmarks.md, "Redis candle writer");
 * and it needs no second client API. A full batch keeps Redis from other clients for a few milliseconds (3 to 9
 * measured), which a cache's occasional readers bear.
 */
@ApplicationScoped
public class CandleStore {
    private static final Logger LOG = Logger.getLogger(CandleStore.class);
    private static final int QUEUE_CAPACITY = 200_000;
    /** Klines per Redis call: enough to catch up fast, small enough to keep a call to a few milliseconds. */
    static final int BATCH = 1_000;

    private final RedisDataSource redis;
    private final CandleBatchWriter batches;
    private final MarketDataMetrics metrics;
    private final int keep;
    private final BlockingDeque<CandleWrite> pending = new LinkedBlockingDeque<>(QUEUE_CAPACITY);
    /** Klines queued or in the writer's current batch, not yet in Redis. */
    private final AtomicInteger unwritten = new AtomicInteger();
    private final LatestPrices prices = new LatestPrices();
    /** One permit per queued kline or newly changed price: what the idle writer waits on. */
    private final Semaphore work = new Semaphore(0);
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
        this.batches = new CandleBatchWriter(redis, keep);
    }

    void start(@Observes StartupEvent ignored) {
        writer = Thread.ofPlatform().daemon().name("redis-candle-writer").start(this::writeLoop);
    }

    /** After the kline publisher has closed its producer: the klines it had on their way are queued by then. */
    void stop(@Observes @Priority(Interceptor.Priority.APPLICATION + 700) ShutdownEvent ignored) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (backlog() > 0 && lastError == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        running = false;
        if (writer != null) {
            writer.interrupt();
        }
    }

    /**
     * Queues a published kline for its Redis list. Never blocks the caller.
     *
     * @param json the kline as published ({@code EventCodec}'s UTF-8 JSON), which the list keeps
     */
    public void append(KlineClosed kline, byte[] json) {
        unwritten.incrementAndGet();
        while (!pending.offerLast(new CandleWrite(kline, new String(json, StandardCharsets.UTF_8)))) {
            if (pending.pollFirst() != null) {
                unwritten.decrementAndGet();
                metrics.redisError();
                LOG.warn("Redis write queue full: dropped the oldest kline write");
            }
        }
        work.release();
    }

    /**
     * The latest traded price of {@code symbol}: the close of its open kline as of an update. Only the newest per
     * symbol is written, by market time, so a late update never hides a newer one or a newer close.
     *
     * @param eventTime when the update happened, epoch ms (the exchange's event time)
     */
    public void updatePrice(Symbol symbol, BigDecimal price, long eventTime) {
        if (prices.updated(symbol, LatestPrices.Tick.update(price, eventTime))) {
            work.release();
        }
    }

    /** Klines not yet in Redis (queued, or in the batch being written). */
    public int backlog() {
        return unwritten.get();
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
        List<CandleWrite> batch = new ArrayList<>(BATCH);
        long backoff = 100;
        while (running) {
            try {
                if (batch.isEmpty()) {
                    if (pending.isEmpty() && !prices.anyUnwritten()) {
                        work.tryAcquire(200, TimeUnit.MILLISECONDS);
                    }
                    work.drainPermits();
                    pending.drainTo(batch, BATCH);
                }
                if (!batch.isEmpty()) {
                    batches.write(batch);
                    unwritten.addAndGet(-batch.size());
                    prices.closesWritten(batch);
                    batch.clear();
                }
                writePrices();
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

    /** Sets every price Redis lags behind on, in one MSET. */
    private void writePrices() {
        Map<Symbol, BigDecimal> changed = prices.takeUnwritten();
        if (changed.isEmpty()) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        changed.forEach((symbol, price) -> values.put(priceKey(symbol), price.toPlainString()));
        try {
            redis.value(String.class).mset(values);
        } catch (RuntimeException e) {
            prices.giveBack(changed.keySet());
            throw e;
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
            LOG.infof("Redis is back; %d kline writes still to catch up", backlog());
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
