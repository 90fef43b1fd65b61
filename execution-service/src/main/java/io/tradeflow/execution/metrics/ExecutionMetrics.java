package io.tradeflow.execution.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.execution.Trader;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The service's meters. Tags are venue, role, status, deny reason and outcome: all low-cardinality; never a bot id
 * or a symbol.
 */
@ApplicationScoped
public class ExecutionMetrics {
    private final MeterRegistry registry;
    private final Timer klineToOrder;

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
        registry.counter("tradeflow.orders", "venue", order.venue().name(), "role", order.role().name(),
                "status", order.status().name()).increment();
        if (order.denyReason() != null) {
            registry.counter("tradeflow.orders.denied", "reason", order.denyReason()).increment();
        }
    }

    /** What a signal came to (entered, exited, reversed, denied, nothing-to-exit). */
    public void signal(Trader.Outcome outcome) {
        registry.counter("tradeflow.execution.signals", "outcome", outcome.name()).increment();
    }

    public void klineToOrder(Duration latency) {
        if (!latency.isNegative()) {
            klineToOrder.record(latency);
        }
    }

    public void openPaperPositions(IntSupplier count) {
        Gauge.builder("tradeflow.paper.positions.open", count, c -> c.getAsInt()).strongReference(true).register(registry);
    }

    /** Klines and signals waiting for their watermark (signal-service behind) or their kline. */
    public void waiting(IntSupplier count) {
        Gauge.builder("tradeflow.execution.waiting", count, c -> c.getAsInt()).strongReference(true).register(registry);
    }
}
