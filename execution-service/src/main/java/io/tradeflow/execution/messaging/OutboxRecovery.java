package io.tradeflow.execution.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.Topics;
import io.tradeflow.service.messaging.TopicTail;
import io.tradeflow.execution.config.ExecutionConfig;
import io.tradeflow.execution.persistence.ExecutionStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * At start, before any input is read: order events a previous run stored but may not have published (killed
 * between its database commit and Kafka's acknowledgement) are published now. Those already on {@code orders.v1}
 * (killed after the acknowledgement, before the outbox row was deleted) are recognised by their event id in the
 * topic's tail and not sent twice.
 */
@ApplicationScoped
public class OutboxRecovery {
    private static final Logger LOG = Logger.getLogger(OutboxRecovery.class);
    private static final Duration TAIL_TIMEOUT = Duration.ofSeconds(15);

    private final ExecutionStore store;
    private final Durable durable;
    private final ExecutionConfig config;
    /** The Kafka client settings the channels use too (Quarkus' {@code kafka.*}: servers, TLS, SASL). */
    private final Map<String, Object> kafka;

    public OutboxRecovery(ExecutionStore store, Durable durable, ExecutionConfig config,
                          @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.store = store;
        this.durable = durable;
        this.config = config;
        this.kafka = kafka;
    }

    /** Retried until it works (Kafka or PostgreSQL away at start): inputs wait for it. */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 500, jitter = 200)
    @ExponentialBackoff(maxDelay = 10000)
    public void recover() {
        List<ExecutionStore.OutboxRow> pending = store.outbox(Integer.MAX_VALUE);
        if (pending.isEmpty()) {
            return;
        }
        Set<String> onTopic = new HashSet<>();
        TopicTail.read(kafka, Topics.ORDERS, config.outbox().tailRecordsPerPartition(), TAIL_TIMEOUT,
                record -> onTopic.add(eventId(record.value())));
        List<ExecutionStore.OutboxRow> already = pending.stream().filter(row -> onTopic.contains(row.eventId())).toList();
        store.published(already);
        int published = durable.publishOutbox();
        LOG.infof("Outbox of the previous run: %d event(s) were already on %s, %d published now", already.size(),
                Topics.ORDERS, published);
    }

    private static String eventId(byte[] value) {
        try {
            return EventCodec.decodeAny(value).eventId();
        } catch (RuntimeException e) {
            return "";
        }
    }
}
