package io.tradeflow.position.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.position.ledger.Recorded;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
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
     * Sends the records in order, each after the previous one was acknowledged (so a failure leaves no later event on
     * the topic before an earlier one).
     *
     * @throws RuntimeException when Kafka refuses one (the producer has retried for its delivery timeout)
     */
    public void publish(List<Recorded.Publishable> events) {
        for (Recorded.Publishable event : events) {
            emitter.sendMessageAndAwait(Message.of(event.payload())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build()));
        }
    }
}
