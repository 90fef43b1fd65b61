package io.tradeflow.position.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.position.ledger.Recorded;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes {@code PositionChanged} records on positions.v1, keyed by symbol, each waited for until Kafka has it. */
@ApplicationScoped
public class PositionPublisher {
    private final MutinyEmitter<byte[]> emitter;

    public PositionPublisher(@Channel("positions") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends one record and waits until Kafka has it.
     *
     * @throws RuntimeException when Kafka refuses it (the producer has retried for its delivery timeout)
     */
    public void publish(Recorded.Publishable event) {
        emitter.sendMessageAndAwait(Message.of(event.payload())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build()));
    }
}
