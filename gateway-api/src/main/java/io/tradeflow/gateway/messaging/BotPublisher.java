package io.tradeflow.gateway.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Writes bots.v1, keyed by bot id: a definition, or a tombstone (a null value) that deletes the bot on the compacted topic. */
@ApplicationScoped
public class BotPublisher {
    private final MutinyEmitter<byte[]> emitter;

    public BotPublisher(@Channel("bots") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Sends {@code definition} (EventCodec JSON, or null for a tombstone) and waits until Kafka has it. */
    public void publish(String botId, byte[] definition) {
        emitter.sendMessageAndAwait(Message.of(definition)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(botId).build()));
    }
}
