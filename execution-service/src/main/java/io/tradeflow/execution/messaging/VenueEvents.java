package io.tradeflow.execution.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.execution.binance.BinanceVenues;
import io.tradeflow.execution.metrics.ExecutionMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stores and publishes the order events a venue reports outside a step (at Binance: a stop-loss or take-profit
 * triggered by the market, the other bracket canceled, a fill heard late), every {@link #INTERVAL}, between steps:
 * never interleaved with one, so an order's events reach orders.v1 in the order they happened (a bracket's NEW,
 * stored with its step, before its fill).
 *
 * <p>On a thread of its own rather than Quarkus' {@code @Scheduled}: the built-in scheduler ticks once a second and
 * runs a shorter {@code every} late (it warns "An every() value less than 1000 ms is not supported"), which made this
 * once a second instead of four times.
 */
@ApplicationScoped
public class VenueEvents {
    /** How often the venues' events are drained: a triggered stop reaches orders.v1 within this of being heard. */
    static final Duration INTERVAL = Duration.ofMillis(250);
    private static final Logger LOG = Logger.getLogger(VenueEvents.class);

    private final BinanceVenues binance;
    private final ExecutionState state;
    private final Durable durable;
    private final ExecutionMetrics metrics;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("venue-events").daemon().factory());

    public VenueEvents(BinanceVenues binance, ExecutionState state, Durable durable, ExecutionMetrics metrics) {
        this.binance = binance;
        this.state = state;
        this.durable = durable;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent ignored) {
        thread.scheduleWithFixedDelay(this::publishLogged, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A failed round is logged and the next one tries again (an exception would end a fixed-delay task for good). */
    private void publishLogged() {
        try {
            publish();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Publishing the venues' order events failed; retrying in %d ms", INTERVAL.toMillis());
        }
    }

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
