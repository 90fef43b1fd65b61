package io.tradeflow.execution.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.execution.persistence.ExecutionStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;

/**
 * Sends stored order events (outbox rows) to {@code orders.v1}, keyed by symbol, in outbox order, and waits for
 * every acknowledgement. The idempotent producer keeps them in order and without duplicates within a run.
 */
@ApplicationScoped
public class OrderPublisher {
    private final Emitter<byte[]> emitter;

    public OrderPublisher(@Channel("orders") Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public void send(List<ExecutionStore.OutboxRow> rows) {
        List<Message<byte[]>> messages = rows.stream().map(row -> Message.of(row.payload()).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(row.key()).withTopic(row.topic()).build())).toList();
        Acknowledgements.sendAndWait(emitter, messages, rows.size() + " order event(s)");
    }
}
