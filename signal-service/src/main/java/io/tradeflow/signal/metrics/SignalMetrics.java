package io.tradeflow.signal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.SignalAction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The service's meters. Tags are strategy type, action, reason code and interval: all low-cardinality; never a
 * bot id or a symbol, so a thousand bots do not make a thousand time series. Each meter is registered once, on its
 * first use, and kept: the per-snapshot path only increments.
 */
@ApplicationScoped
public class SignalMetrics {
    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> evaluations = new ConcurrentHashMap<>();

    public SignalMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void runningBots(IntSupplier count) {
        // A strong reference: the registry would otherwise let the supplier be collected and report NaN.
        Gauge.builder("tradeflow.bots.running", count, c -> c.getAsInt()).strongReference(true).register(registry);
    }

    public void botRejected(String strategy) {
        counter("tradeflow.bots.rejected", "strategy", strategy).increment();
    }

    /** An unreadable bots.v1 record, ignored (market-data-service dead-letters it). */
    public void botUnreadable() {
        counter("tradeflow.bots.unreadable").increment();
    }

    public void snapshotProcessed(Interval interval) {
        counter("tradeflow.snapshots.processed", "interval", interval.code()).increment();
    }

    /** An indicators.v1 record that is not a snapshot, sent to its dead-letter topic. */
    public void snapshotDeadLettered() {
        counter("tradeflow.snapshots.dead.lettered").increment();
    }

    /** A snapshot a bot had already seen (a snapshot published twice upstream): it changed nothing. */
    public void snapshotDuplicate(String strategy) {
        counter("tradeflow.snapshots.duplicates", "strategy", strategy).increment();
    }

    public void evaluated(String strategy, long nanos) {
        evaluations.computeIfAbsent(strategy, type -> Timer.builder("tradeflow.strategy.evaluate")
                .description("Time one bot's strategy takes on one snapshot")
                .tag("strategy", type)
                .publishPercentileHistogram()
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void signalGenerated(String strategy, SignalAction action) {
        counter("tradeflow.signals.generated", "strategy", strategy, "action", action.name()).increment();
    }

    public void signalRejected(String strategy, String reason) {
        counter("tradeflow.signals.rejected", "strategy", strategy, "reason", reason).increment();
    }

    /** A strategy threw on a snapshot: a bug, the bot skips that snapshot. */
    public void evaluationFailed(String strategy) {
        counter("tradeflow.strategy.errors", "strategy", strategy).increment();
    }

    private Counter counter(String name, String... tags) {
        List<String> key = new java.util.ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(List.of(tags));
        return counters.computeIfAbsent(key, k -> registry.counter(name, tags));
    }
}
