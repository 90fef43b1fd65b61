package io.tradeflow.gateway.messaging;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import io.tradeflow.gateway.bots.BotOutboxEntity;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox ({@code gateway.bot_outbox}) to bots.v1 in order and deletes what Kafka acknowledged, one
 * record per transaction (a failure then never re-sends records already acknowledged, which would briefly put an
 * older version of a bot last). Called right after each change and every few seconds for what a failed publish, a
 * busy lock or a crash left behind. A PostgreSQL advisory lock lets one drain run at a time across gateway
 * instances, so one bot's changes are never published out of order (on a compacted topic the last record wins); a
 * change made while another drain runs is published by that drain or the next scheduled one.
 */
@ApplicationScoped
public class BotOutbox {
    private static final Logger LOG = Logger.getLogger(BotOutbox.class);
    /** Arbitrary, fixed: the advisory lock of the bots.v1 outbox. */
    private static final long LOCK = 0x626f74732e7631L;

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

    /** Publishes every pending record; false when another drain holds the outbox or a publish failed. */
    public boolean drain() {
        try {
            while (true) {
                Boolean published = QuarkusTransaction.requiringNew().call(this::publishOldest);
                if (published == null) {
                    return false;
                }
                if (!published) {
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

    /** True when a record was published, false when none was pending, null when another drain holds the lock. */
    private Boolean publishOldest() {
        Object locked = Panache.getEntityManager().createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return null;
        }
        BotOutboxEntity row = BotOutboxEntity.<BotOutboxEntity>findAll(Sort.by("seq")).firstResult();
        if (row == null) {
            return false;
        }
        publisher.publish(row.botId, row.payload);
        row.delete();
        return true;
    }
}
