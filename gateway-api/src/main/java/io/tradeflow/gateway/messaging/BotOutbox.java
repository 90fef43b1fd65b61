package io.tradeflow.gateway.messaging;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import io.tradeflow.gateway.bots.BotOutboxEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox ({@code gateway.bot_outbox}) to bots.v1 in order and deletes what Kafka acknowledged. Called
 * right after each change (so a REST answer means "published") and every few seconds for what a failed publish or a
 * crash left behind. A PostgreSQL advisory lock lets one gateway instance drain at a time, so two instances never
 * publish one bot's changes out of order (on a compacted topic the last record wins).
 */
@ApplicationScoped
public class BotOutbox {
    private static final Logger LOG = Logger.getLogger(BotOutbox.class);
    /** Arbitrary, fixed: the advisory lock of the bots.v1 outbox. */
    private static final long LOCK = 0x626f74732e7631L;
    private static final int BATCH = 100;

    private final BotPublisher publisher;

    public BotOutbox(BotPublisher publisher) {
        this.publisher = publisher;
    }

    /** Adds a record to the outbox; must run inside the transaction that changes the bot. */
    public static void add(String botId, byte[] payload) {
        BotOutboxEntity row = new BotOutboxEntity();
        row.botId = botId;
        row.payload = payload;
        row.createdAt = System.currentTimeMillis();
        row.persist();
    }

    /** Publishes every pending record; false when another instance holds the outbox or a publish failed. */
    public boolean drain() {
        try {
            while (true) {
                Integer published = QuarkusTransaction.requiringNew().call(this::publishBatch);
                if (published == null) {
                    return false;
                }
                if (published < BATCH) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("bots.v1 outbox not drained (%s); retrying in a few seconds", e.toString());
            return false;
        }
    }

    @Scheduled(every = "${tradeflow.gateway.outbox-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drainLeftovers() {
        drain();
    }

    private Integer publishBatch() {
        Object locked = Panache.getEntityManager().createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return null;
        }
        List<BotOutboxEntity> rows = BotOutboxEntity.<BotOutboxEntity>findAll(Sort.by("seq")).page(0, BATCH).list();
        for (BotOutboxEntity row : rows) {
            publisher.publish(row.botId, row.payload);
            row.delete();
        }
        return rows.size();
    }
}
