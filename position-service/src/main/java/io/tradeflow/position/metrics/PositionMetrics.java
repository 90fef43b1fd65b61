package io.tradeflow.position.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tradeflow.position.ledger.Recorded;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * position-service's meters, at {@code /q/metrics}: {@code tradeflow.position.order.events{outcome}} (booked,
 * duplicate, stop_set, ignored, dead_letter), {@code tradeflow.positions.open}, and
 * {@code tradeflow.position.realized.pnl{bot,asset}}, each bot's net realized PnL over its closed positions (a gauge
 * of a double: for dashboards; the exact figure is in PostgreSQL and over REST).
 */
@ApplicationScoped
public class PositionMetrics {
    private final MeterRegistry registry;
    private final AtomicLong open = new AtomicLong();
    private final Map<Recorded.Outcome, Counter> outcomes = new EnumMap<>(Recorded.Outcome.class);
    private final Counter deadLetters;
    private final Map<String, AtomicReference<Double>> realized = new ConcurrentHashMap<>();

    public PositionMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("tradeflow.positions.open", open, AtomicLong::doubleValue);
        for (Recorded.Outcome outcome : Recorded.Outcome.values()) {
            outcomes.put(outcome, registry.counter("tradeflow.position.order.events", "outcome",
                    outcome.name().toLowerCase(Locale.ROOT)));
        }
        deadLetters = registry.counter("tradeflow.position.order.events", "outcome", "dead_letter");
    }

    public void outcome(Recorded.Outcome outcome) {
        outcomes.get(outcome).increment();
    }

    public void deadLetter() {
        deadLetters.increment();
    }

    public void openPositions(long count) {
        open.set(count);
    }

    public void openChanged(int change) {
        open.addAndGet(change);
    }

    public void realizedPnl(Recorded.BotTotal total) {
        realized.computeIfAbsent(total.botId() + "\u0000" + total.marginAsset(), key -> {
            AtomicReference<Double> value = new AtomicReference<>(0.0);
            registry.gauge("tradeflow.position.realized.pnl", Tags.of("bot", total.botId(), "asset",
                    total.marginAsset()), value, AtomicReference::get);
            return value;
        }).set(total.netPnl().doubleValue());
    }
}
