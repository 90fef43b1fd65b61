package io.tradeflow.marketdata.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.KlineSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's meters. Tags are low-cardinality (source, interval, reason); never a symbol, so a thousand
 * subscriptions do not make a thousand time series. The per-kline meters are looked up once per tag set and kept:
 * the registry's own lookup (tags sorted, a map keyed by them) cost a few percent of a replay's CPU.
 */
@ApplicationScoped
public class MarketDataMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicLong replayProgressPermille = new AtomicLong();
    private final AtomicInteger silentStreams = new AtomicInteger();
    private final Map<KlineSource, Map<Interval, Counter>> received = new ConcurrentHashMap<>();
    private final Map<KlineSource, Map<Interval, Counter>> published = new ConcurrentHashMap<>();
    private final Map<KlineSource, Counter> duplicates = new ConcurrentHashMap<>();
    // Made on first use, so that a replay shows no publish delay and a Binance instance no replay rows.
    private volatile Counter replayRows;
    private volatile Timer publishDelay;

    public MarketDataMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("tradeflow.websocket.connections", openConnections);
        registry.gauge("tradeflow.replay.progress", replayProgressPermille, p -> p.get() / 1000.0);
        registry.gauge("tradeflow.binance.silent.streams", silentStreams);
    }

    public void klineReceived(KlineSource source, Interval interval) {
        counterBySourceAndInterval("tradeflow.klines.received", received, source, interval).increment();
    }

    public void klinePublished(KlineSource source, Interval interval) {
        counterBySourceAndInterval("tradeflow.klines.published", published, source, interval).increment();
    }

    public void klineDuplicate(KlineSource source) {
        duplicates.computeIfAbsent(source, s -> counter("tradeflow.klines.duplicates", "source", tag(s))).increment();
    }

    public void publishFailed() {
        counter("tradeflow.klines.publish.failures").increment();
    }

    /** Time from a kline's close to Kafka's acknowledgement of it. */
    public void publishDelay(Duration delay) {
        Timer timer = publishDelay;
        if (timer == null) {
            // Registering twice (a race) gives the same timer back.
            timer = Timer.builder("tradeflow.klines.publish.delay")
                    .description("Time from kline close to its acknowledgement by Kafka")
                    .publishPercentileHistogram()
                    .register(registry);
            publishDelay = timer;
        }
        timer.record(delay.isNegative() ? Duration.ZERO : delay);
    }

    public void gapFound(Interval interval, long missing) {
        counter("tradeflow.klines.gaps", "interval", interval.code()).increment();
        counter("tradeflow.klines.missing", "interval", interval.code()).increment(missing);
    }

    public void backfilled(Interval interval, int count) {
        counter("tradeflow.klines.backfilled", "interval", interval.code()).increment(count);
    }

    public void reconnect(String reason) {
        counter("tradeflow.websocket.reconnects", "reason", reason).increment();
    }

    public void malformedMessage() {
        counter("tradeflow.websocket.malformed").increment();
    }

    public void websocketState(int connections) {
        openConnections.set(connections);
    }

    /** A Binance kline stream went silent (its connection up, no closed kline by close time plus grace). */
    public void streamSilent(Interval interval) {
        counter("tradeflow.binance.stream.silent", "interval", interval.code()).increment();
    }

    /** How many kline streams are silent now. */
    public void silentStreams(int count) {
        silentStreams.set(count);
    }

    public void redisError() {
        counter("tradeflow.redis.errors").increment();
    }

    public void replayRowsRead() {
        Counter rows = replayRows;
        if (rows == null) {
            rows = counter("tradeflow.replay.rows");
            replayRows = rows;
        }
        rows.increment();
    }

    public void replayMalformedRow() {
        counter("tradeflow.replay.malformed").increment();
    }

    /** Share of the replay done, 0 to 1. */
    public void replayProgress(double fraction) {
        replayProgressPermille.set(Math.round(fraction * 1000));
    }

    /** The counter {@code name} of {@code source} and {@code interval}, made once and kept in {@code meters}. */
    private Counter counterBySourceAndInterval(String name, Map<KlineSource, Map<Interval, Counter>> meters,
                                               KlineSource source, Interval interval) {
        return meters.computeIfAbsent(source, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(interval, i -> counter(name, "source", tag(source), "interval", i.code()));
    }

    private static String tag(KlineSource source) {
        return source.name().toLowerCase();
    }

    private Counter counter(String name, String... tags) {
        return registry.counter(name, tags);
    }
}
