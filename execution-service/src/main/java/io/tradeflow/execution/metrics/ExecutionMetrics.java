package io.tradeflow.execution.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.execution.Trader;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The service's meters. Tags are venue, role, status, deny reason and outcome: all low-cardinality; never a bot id
 * or a symbol.
 */
@ApplicationScoped
public class ExecutionMetrics {
    private final MeterRegistry registry;
    private final Timer klineToOrder;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ExecutionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.klineToOrder = Timer.builder("tradeflow.execution.kline.to.order")
                .description("From market-data publishing a kline to its order events acknowledged on orders.v1")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** An order event published on orders.v1. */
    public void order(OrderUpdated order) {
        counter("tradeflow.orders", "venue", order.venue().name(), "role", order.role().name(),
                "status", order.status().name()).increment();
        if (order.denyReason() != null) {
            counter("tradeflow.orders.denied", "reason", order.denyReason()).increment();
        }
    }

    /** What a signal came to (entered, exited, reversed, denied, nothing-to-exit, not-filled). */
    public void signal(Trader.Outcome outcome) {
        counter("tradeflow.execution.signals", "outcome", outcome.name()).increment();
    }

    /** Each meter is built once per tag set (a bounded few), then found in the map. */
    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + String.join(",", tags), key -> Counter.builder(name).tags(tags)
                .register(registry));
    }

    public void klineToOrder(Duration latency) {
        if (!latency.isNegative()) {
            klineToOrder.record(latency);
        }
    }

    public void openPaperPositions(IntSupplier count) {
        Gauge.builder("tradeflow.paper.positions.open", count, c -> c.getAsInt()).strongReference(true).register(registry);
    }

    /** Bots halted now by the kill switch (daily loss or drawdown limit); they trade again once resumed. */
    public void haltedBots(IntSupplier count) {
        Gauge.builder("tradeflow.execution.halted.bots", count, c -> c.getAsInt()).strongReference(true)
                .description("bots halted by the kill switch until resumed").register(registry);
    }

    /** Klines and signals waiting for their watermark (signal-service behind) or their kline. */
    public void waiting(IntSupplier count) {
        Gauge.builder("tradeflow.execution.waiting", count, c -> c.getAsInt()).strongReference(true).register(registry);
    }
}
