package io.tradeflow.signal.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.SignalAction;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The service's meters. Tags are strategy type, action, reason code and interval: all low-cardinality; never a
 * bot id or a symbol, so a thousand bots do not make a thousand time series.
 */
@ApplicationScoped
public class SignalMetrics {
    private final MeterRegistry registry;

    public SignalMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void runningBots(IntSupplier count) {
        // A strong reference: the registry would otherwise let the supplier be collected and report NaN.
        Gauge.builder("tradeflow.bots.running", count, c -> c.getAsInt()).strongReference(true).register(registry);
    }

    public void botRejected(String strategy) {
        registry.counter("tradeflow.bots.rejected", "strategy", strategy).increment();
    }

    public void snapshotProcessed(Interval interval) {
        registry.counter("tradeflow.snapshots.processed", "interval", interval.code()).increment();
    }

    /** A snapshot a bot had already seen (redelivery after a restart or rebalance): it changed nothing. */
    public void snapshotDuplicate(String strategy) {
        registry.counter("tradeflow.snapshots.duplicates", "strategy", strategy).increment();
    }

    public void evaluated(String strategy, long nanos) {
        Timer.builder("tradeflow.strategy.evaluate")
                .description("Time one bot's strategy takes on one snapshot")
                .tag("strategy", strategy)
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void signalGenerated(String strategy, SignalAction action) {
        registry.counter("tradeflow.signals.generated", "strategy", strategy, "action", action.name()).increment();
    }

    public void signalRejected(String strategy, String reason) {
        registry.counter("tradeflow.signals.rejected", "strategy", strategy, "reason", reason).increment();
    }

    /** A signal already on signals.v1 (the crash window between publishing and writing the state): not sent again. */
    public void signalSuppressed(String strategy) {
        registry.counter("tradeflow.signals.suppressed", "strategy", strategy).increment();
    }

    /** A strategy threw on a snapshot: a bug, the bot skips that snapshot. */
    public void evaluationFailed(String strategy) {
        registry.counter("tradeflow.strategy.errors", "strategy", strategy).increment();
    }
}
