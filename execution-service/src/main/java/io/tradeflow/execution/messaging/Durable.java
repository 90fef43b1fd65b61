package io.tradeflow.execution.messaging;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.execution.PlaceOrder;
import io.tradeflow.execution.domain.StepResult;
import io.tradeflow.execution.persistence.ExecutionStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The reads and writes a step waits for, each retried (SmallRye Fault Tolerance) until it works, because giving up would
 * mean dropping a step that already happened in memory: storing it in PostgreSQL, then publishing its order events
 * from the outbox to Kafka. While either fails, {@link #failure()} says why (readiness goes DOWN; a restart would not
 * help, so liveness stays UP). Backoff 100 ms doubling to 5 s.
 */
@ApplicationScoped
public class Durable {
    private static final Logger LOG = Logger.getLogger(Durable.class);
    private static final int OUTBOX_BATCH = 500;

    private final ExecutionStore store;
    private final OrderPublisher publisher;
    private volatile String failure;

    public Durable(ExecutionStore store, OrderPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    /** Reads the state at start or after a rebalance. */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 100, jitter = 50)
    @ExponentialBackoff(maxDelay = 5000)
    public ExecutionStore.Loaded load() {
        try {
            ExecutionStore.Loaded loaded = store.load();
            failure = null;
            return loaded;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    /** Stores the step; false when storage already had it (see {@link ExecutionStore#commit}). */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 100, jitter = 50)
    @ExponentialBackoff(maxDelay = 5000)
    public boolean store(StepResult result) {
        try {
            boolean stored = store.commit(result);
            failure = null;
            return stored;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    /** Stores order events a venue reported outside a step (see {@link ExecutionStore#storeVenueEvents}). */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 100, jitter = 50)
    @ExponentialBackoff(maxDelay = 5000)
    public void storeVenueEvents(List<OrderUpdated> events) {
        try {
            store.storeVenueEvents(events);
            failure = null;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    /** Claims an order before its placement is sent; false when claimed before (see PlacementClaims). */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 100, jitter = 50)
    @ExponentialBackoff(maxDelay = 5000)
    public boolean claimPlacement(PlaceOrder order) {
        try {
            boolean claimed = store.claimPlacement(order);
            failure = null;
            return claimed;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    /**
     * Publishes every stored order event, oldest first; returns how many. Synchronized: the input thread and the
     * venue events' publisher both call it, and one row must not be sent twice.
     */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 100, jitter = 50)
    @ExponentialBackoff(maxDelay = 5000)
    public synchronized int publishOutbox() {
        try {
            int published = 0;
            List<ExecutionStore.OutboxRow> rows = store.outbox(OUTBOX_BATCH);
            while (!rows.isEmpty()) {
                publisher.send(rows);
                store.published(rows);
                published += rows.size();
                rows = rows.size() < OUTBOX_BATCH ? List.of() : store.outbox(OUTBOX_BATCH);
            }
            failure = null;
            return published;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    /** Why the last attempt failed, or null while writes work. */
    public String failure() {
        return failure;
    }

    private void failed(RuntimeException e) {
        if (failure == null) {
            LOG.errorf("%s; retrying until it works (check PostgreSQL and Kafka)", e.getMessage());
        }
        failure = e.getMessage();
    }
}
