package io.tradeflow.execution.messaging;

import io.quarkus.scheduler.Scheduled;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.execution.binance.BinanceVenues;
import io.tradeflow.execution.metrics.ExecutionMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Stores and publishes the order events a venue reports outside a step (at Binance: a stop-loss or take-profit
 * triggered by the market, the other bracket canceled, a fill heard late), every 250 ms, between steps: never
 * interleaved with one, so an order's events reach orders.v1 in the order they happened (a bracket's NEW, stored
 * with its step, before its fill).
 */
@ApplicationScoped
public class VenueEvents {
    private static final Logger LOG = Logger.getLogger(VenueEvents.class);

    private final BinanceVenues binance;
    private final ExecutionState state;
    private final Durable durable;
    private final ExecutionMetrics metrics;

    public VenueEvents(BinanceVenues binance, ExecutionState state, Durable durable, ExecutionMetrics metrics) {
        this.binance = binance;
        this.state = state;
        this.durable = durable;
        this.metrics = metrics;
    }

    @Scheduled(every = "0.25s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publish() {
        state.exclusively(() -> {
            List<OrderUpdated> events = binance.drainEvents();
            if (!events.isEmpty()) {
                durable.storeVenueEvents(events);
                durable.publishOutbox();
                for (OrderUpdated order : events) {
                    metrics.order(order);
                    LOG.infof("Order %s %s %s %s %s %s (from the venue)", order.clientOrderId(), order.role(),
                            order.side(), order.type(), order.status(), order.filledQuantity().toPlainString());
                }
            }
            return null;
        });
    }
}
