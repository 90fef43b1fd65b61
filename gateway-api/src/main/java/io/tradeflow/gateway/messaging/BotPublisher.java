package io.tradeflow.gateway.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Writes bots.v1, keyed by bot id: a definition, or a tombstone (a null value) that deletes the bot on the compacted topic. */
@ApplicationScoped
public class BotPublisher {
    private static final Duration ACK_WAIT = Duration.ofSeconds(10);
    private final MutinyEmitter<byte[]> emitter;

    public BotPublisher(@Channel("bots") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends {@code definition} (EventCodec JSON, or null for a tombstone) and waits until Kafka has it, at most 10 s
     * (then it throws, and the outbox keeps the record for its next drain: a REST call never hangs on a Kafka outage).
     */
    public void publish(String botId, byte[] definition) {
        emitter.sendMessage(Message.of(definition)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(botId).build()))
                .await().atMost(ACK_WAIT);
    }
}
