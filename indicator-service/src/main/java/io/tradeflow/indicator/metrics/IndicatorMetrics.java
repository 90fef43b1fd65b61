package io.tradeflow.indicator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradeflow.core.domain.Interval;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The service's meters. Tags are low-cardinality (interval, from, step); never a symbol, so a thousand series do
 * not make a thousand time series. Each meter is registered once, on its first use, and kept: the per-kline path
 * only increments.
 */
@ApplicationScoped
public class IndicatorMetrics {
    public enum RestoredFrom { STATE_STORE, CANDLES, NONE }

    private final MeterRegistry registry;
    private final Timer update;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public IndicatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.update = Timer.builder("tradeflow.indicators.update")
                .description("Time to fold a kline into its series and build the snapshot")
                .publishPercentileHistogram()
                .register(registry);
    }

    public Timer update() {
        return update;
    }

    public void klineProcessed(Interval interval) {
        counterByInterval("tradeflow.klines.processed", interval).increment();
    }

    public void klineDuplicate(Interval interval) {
        counterByInterval("tradeflow.klines.duplicates", interval).increment();
    }

    public void gapFound(Interval interval, long missed) {
        counterByInterval("tradeflow.klines.gaps", interval).increment();
        counterByInterval("tradeflow.klines.missing", interval).increment(missed);
    }

    public void snapshotPublished(Interval interval) {
        counterByInterval("tradeflow.indicators.published", interval).increment();
    }

    /** A record on the klines topic that is not a kline, sent to the dead-letter topic. */
    public void deadLettered() {
        counter("tradeflow.klines.dead.lettered", name -> registry.counter(name));
    }

    public void seriesRestored(RestoredFrom from) {
        counter("tradeflow.series.restored|" + from, key -> registry.counter("tradeflow.series.restored", "from", from.name().toLowerCase()));
    }

    /** A Redis call failed while a kline was in progress; {@code step} says which. */
    public void retried(String step) {
        counter("tradeflow.indicators.retries|" + step, key -> registry.counter("tradeflow.indicators.retries", "step", step));
    }

    public void botIgnored() {
        counter("tradeflow.bots.ignored", name -> registry.counter(name));
    }

    private Counter counterByInterval(String name, Interval interval) {
        return counters.computeIfAbsent(name + "|" + interval.code(), key -> registry.counter(name, "interval", interval.code()));
    }

    private void counter(String key, Function<String, Counter> register) {
        counters.computeIfAbsent(key, register).increment();
    }
}
