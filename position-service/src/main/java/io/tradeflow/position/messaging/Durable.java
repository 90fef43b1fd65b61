package io.tradeflow.position.messaging;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.position.ledger.Ledger;
import io.tradeflow.position.ledger.Recorded;
import io.tradeflow.position.ledger.UnbookableFill;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

/**
 * The ledger write and the publish of each of its events, each retried (SmallRye Fault Tolerance) until it works:
 * giving up would drop a fill. An {@link UnbookableFill} is the record's fault and is not retried. While a write or a
 * publish fails, {@link #failure()} says why (readiness DOWN). Backoff 100 ms doubling to 5 s.
 */
@ApplicationScoped
public class Durable {
    private static final Logger LOG = Logger.getLogger(Durable.class);

    private final Ledger ledger;
    private final PositionPublisher publisher;
    private final PublishedTail tail;
    private volatile String failure;

    public Durable(Ledger ledger, PositionPublisher publisher, PublishedTail tail) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.tail = tail;
    }

    @Retry(maxRetries = -1, maxDuration = 0, delay = 100, jitter = 50, abortOn = UnbookableFill.class)
    @ExponentialBackoff(maxDelay = 5000)
    public Recorded record(OrderUpdated order, BigDecimal feePrice) {
        try {
            Recorded recorded = ledger.record(order, feePrice, System.currentTimeMillis());
            if (recorded.outcome() == Recorded.Outcome.BOOKED) {
                // A new fill: the redelivered ones are behind, and what was read of positions.v1 for them can go.
                tail.forget();
            }
            failure = null;
            return recorded;
        } catch (UnbookableFill e) {
            throw e;
        } catch (RuntimeException e) {
            failed("Booking " + order.eventId() + " in PostgreSQL failed", e);
            throw e;
        }
    }

    /**
     * Publishes one event of a booked fill and waits for Kafka's acknowledgement; for a redelivered fill
     * ({@code bookedAt} its first booking) only when positions.v1 does not have it yet. One event per call, so a
     * retry never sends again an event Kafka already acknowledged.
     *
     * @return true when it was published now
     */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 100, jitter = 50)
    @ExponentialBackoff(maxDelay = 5000)
    public boolean publish(Recorded.Publishable event, boolean redelivered, long bookedAt) {
        try {
            if (redelivered && tail.contains(event.eventId(), bookedAt)) {
                failure = null;
                return false;
            }
            publisher.publish(event);
            tail.add(event.eventId());
            failure = null;
            return true;
        } catch (RuntimeException e) {
            failed("Publishing " + event.eventId() + " to positions.v1 failed", e);
            throw e;
        }
    }

    /** Why the last attempt failed, or null while writes work. */
    public String failure() {
        return failure;
    }

    private void failed(String what, RuntimeException e) {
        if (failure == null) {
            LOG.errorf("%s: %s; retrying until it works (check PostgreSQL and Kafka)", what, e.getMessage());
        }
        failure = what + ": " + e.getMessage();
    }
}
