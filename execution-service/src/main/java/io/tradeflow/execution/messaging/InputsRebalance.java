package io.tradeflow.execution.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;

/**
 * When partitions move (the range assignor revokes all of them on every rebalance), the in-memory state is
 * reloaded from PostgreSQL before the next record: another instance may have traded those symbols meanwhile, and
 * Kafka delivers again everything this instance had not acknowledged.
 */
@ApplicationScoped
@Identifier("execution-service.inputs-rebalance")
public class InputsRebalance implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(InputsRebalance.class);

    private final ExecutionState state;
    private final BotFollower bots;

    public InputsRebalance(ExecutionState state, BotFollower bots) {
        this.state = state;
        this.bots = bots;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("Assigned %s", partitions);
        state.invalidate();
        // Once in about 20 starts (benchmark script) the inputs were resumed before the consumer's first assignment,
        // and the assigned partitions stayed paused: resume again here once the bots are known.
        if (bots.loaded()) {
            consumer.resume(partitions);
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        state.invalidate();
    }
}
