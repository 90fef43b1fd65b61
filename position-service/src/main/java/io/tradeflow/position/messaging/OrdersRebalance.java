package io.tradeflow.position.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * When partitions are assigned, another instance may have booked (and published) fills of those symbols since the
 * positions.v1 tail was read: forget it, so the next redelivered fill reads it afresh.
 */
@ApplicationScoped
@Identifier("position-service.orders-rebalance")
public class OrdersRebalance implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(OrdersRebalance.class);

    private final PublishedTail tail;

    public OrdersRebalance(PublishedTail tail) {
        this.tail = tail;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("Assigned %s", partitions);
        tail.forget();
    }
}
