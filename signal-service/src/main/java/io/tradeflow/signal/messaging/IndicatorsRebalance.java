package io.tradeflow.signal.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.tradeflow.signal.domain.Retrying;
import io.tradeflow.signal.domain.SignalEngine;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;

/**
 * When this instance gets {@code indicators.v1} partitions (at start, and after every rebalance) and before their
 * first record is polled: learn what is already on {@code signals.v1}, and make every bot reload its state from
 * Redis, since another instance may have evaluated those symbols meanwhile.
 */
@ApplicationScoped
@Identifier("signal-service.indicators-rebalance")
public class IndicatorsRebalance implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(IndicatorsRebalance.class);

    private final PublishedSignalsRestore restore;
    private final SignalEngine engine;
    private final Retrying retrying;

    public IndicatorsRebalance(PublishedSignalsRestore restore, SignalEngine engine, Retrying retrying) {
        this.restore = restore;
        this.engine = engine;
        this.retrying = retrying;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        LOG.infof("Assigned %s", partitions);
        // Without it a replayed snapshot could send a signal twice, so no record is polled before it worked.
        retrying.run("Reading the tail of signals.v1", restore::restore);
        engine.invalidate();
    }
}
