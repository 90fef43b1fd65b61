package io.tradeflow.indicator.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.tradeflow.indicator.domain.LiveSeries;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Tells {@link LiveSeries} which {@code market.klines.v1} partitions are ours. Runs on the Kafka polling thread;
 * a revocation waits for the kline in progress and for the checkpoints still being written, then drops the
 * partitions' series so that a later assignment loads the checkpoint another instance may have advanced meanwhile.
 */
@ApplicationScoped
@Identifier("kline-partitions")
public class KlinePartitions implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(KlinePartitions.class);

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final LiveSeries live;
    private final KlineProcessor processor;

    public KlinePartitions(LiveSeries live, KlineProcessor processor) {
        this.live = live;
        this.processor = processor;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        synchronized (live) {
            live.assigned(numbers(partitions));
        }
        LOG.infof("Assigned %s", partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        drop(partitions, "Revoked");
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        drop(partitions, "Lost");
    }

    private void drop(Collection<TopicPartition> partitions, String why) {
        if (partitions.isEmpty()) {
            return;
        }
        synchronized (live) {
            if (!processor.drain(DRAIN_TIMEOUT)) {
                LOG.warnf("Checkpoints still unwritten after %d s while %s go; a late one may overwrite the next owner's",
                        DRAIN_TIMEOUT.toSeconds(), partitions);
            }
            live.revoked(numbers(partitions));
        }
        LOG.infof("%s %s; their series will be loaded again if they come back", why, partitions);
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).toList();
    }
}
