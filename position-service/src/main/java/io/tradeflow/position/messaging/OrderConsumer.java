package io.tradeflow.position.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.position.config.PositionConfig;
import io.tradeflow.position.ledger.Fills;
import io.tradeflow.position.ledger.Ledger;
import io.tradeflow.position.ledger.Recorded;
import io.tradeflow.position.ledger.UnbookableFill;
import io.tradeflow.position.metrics.PositionMetrics;
import io.tradeflow.position.prices.Prices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The consumer of orders.v1. Each record is booked ({@link Durable#record}, one PostgreSQL transaction), its
 * {@code PositionChanged} events published and acknowledged by Kafka, and only then is the record acknowledged (its
 * offset committed later by the throttled strategy). A crash anywhere in between redelivers the record; its trade row
 * makes the booking a no-op and the stored events are published if Kafka does not have them: no fill is lost or
 * counted twice.
 *
 * <p>A record that cannot be read, or a fill that cannot be booked, goes unchanged to {@code orders.v1.dlq} (the
 * channel's dead-letter strategy) and the stream goes on.
 */
@ApplicationScoped
public class OrderConsumer {
    private static final Logger LOG = Logger.getLogger(OrderConsumer.class);

    private final Durable durable;
    private final Prices prices;
    private final Ledger ledger;
    private final PositionMetrics metrics;
    private final Duration feePriceMaxAge;

    public OrderConsumer(Durable durable, Prices prices, Ledger ledger, PositionMetrics metrics,
            PositionConfig config) {
        this.durable = durable;
        this.prices = prices;
        this.ledger = ledger;
        this.metrics = metrics;
        this.feePriceMaxAge = config.feePriceMaxAge();
    }

    /** The gauges from the start, not from the first fill; PostgreSQL away only delays them. */
    void onStart(@Observes StartupEvent ignored) {
        try {
            metrics.openPositions(ledger.openPositions());
            ledger.totals().forEach(metrics::realizedPnl);
        } catch (RuntimeException e) {
            LOG.warnf("Could not read the open positions and bot totals at start (%s); the gauges start at the first"
                    + " fill", e.getMessage());
        }
    }

    @Incoming("orders")
    @Blocking(ordered = true)
    public void onOrder(ConsumerRecord<String, byte[]> record) {
        OrderUpdated order;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("orders.v1 record without a value at offset " + record.offset());
            }
            order = EventCodec.decode(record.value(), OrderUpdated.class);
        } catch (RuntimeException e) {
            deadLetter(record, "Unreadable record", e);
            throw e;
        }
        Recorded recorded;
        try {
            recorded = durable.record(order, feePrice(order));
        } catch (UnbookableFill e) {
            deadLetter(record, "Fill", e);
            throw e;
        }
        metrics.outcome(recorded.outcome());
        switch (recorded.outcome()) {
            case BOOKED -> {
                LOG.infof("Fill %s of %s %s %s %s at %s booked: %s, %d event(s)", Fills.key(order), order.botId(),
                        order.role(), order.side(), order.lastFillQuantity().toPlainString(),
                        order.lastFillPrice().toPlainString(), recorded.detail(), recorded.events().size());
                metrics.openChanged(recorded.openChange());
                if (recorded.total() != null) {
                    metrics.realizedPnl(recorded.total());
                }
            }
            case STOP_SET -> LOG.debugf("Initial stop of %s: %s", recorded.detail(), order.triggerPrice());
            case IGNORED -> LOG.tracef("Order event %s: nothing to book", order.eventId());
            case DUPLICATE -> { }
        }
        boolean redelivered = recorded.outcome() == Recorded.Outcome.DUPLICATE;
        int published = 0;
        for (Recorded.Publishable event : recorded.events()) {
            published += durable.publish(event, redelivered, recorded.bookedAt()) ? 1 : 0;
        }
        if (redelivered) {
            LOG.infof("Fill %s delivered again: nothing booked, %d of its %d event(s) published now",
                    Fills.key(order), published, recorded.events().size());
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String what, RuntimeException e) {
        metrics.deadLetter();
        LOG.errorf("%s at %s-%d offset %d goes to %s.dlq: %s", what, record.topic(), record.partition(),
                record.offset(), record.topic(), e.getMessage());
    }

    /** The fee asset's price in the margin asset at the fill's time, when the fee is in another asset. */
    private BigDecimal feePrice(OrderUpdated order) {
        if (!Fills.needsFeePrice(order)) {
            return null;
        }
        return prices.at(order.feeAsset(), order.marginAsset(), order.eventTime(), feePriceMaxAge).orElse(null);
    }
}
