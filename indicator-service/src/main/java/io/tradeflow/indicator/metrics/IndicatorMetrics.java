package io.tradeflow.indicator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradeflow.core.domain.Interval;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's meters. Tags are low-cardinality (interval, from, step); never a symbol, so a thousand series do
 * not make a thousand time series.
 */
@ApplicationScoped
public class IndicatorMetrics {
    public enum RestoredFrom { CHECKPOINT, CANDLES, NONE }

    private final MeterRegistry registry;
    private final Timer update;

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
        registry.counter("tradeflow.klines.processed", "interval", interval.code()).increment();
    }

    public void klineDuplicate(Interval interval) {
        registry.counter("tradeflow.klines.duplicates", "interval", interval.code()).increment();
    }

    public void gapFound(Interval interval, long missed) {
        registry.counter("tradeflow.klines.gaps", "interval", interval.code()).increment();
        registry.counter("tradeflow.klines.missing", "interval", interval.code()).increment(missed);
    }

    public void snapshotPublished(Interval interval) {
        registry.counter("tradeflow.indicators.published", "interval", interval.code()).increment();
    }

    public void seriesRestored(RestoredFrom from) {
        registry.counter("tradeflow.series.restored", "from", from.name().toLowerCase()).increment();
    }

    /** A Redis or Kafka call failed while a kline was in progress; {@code step} says which. */
    public void retried(String step) {
        registry.counter("tradeflow.indicators.retries", "step", step).increment();
    }

    public void botIgnored() {
        registry.counter("tradeflow.bots.ignored").increment();
    }
}
