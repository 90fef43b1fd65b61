package io.tradeflow.indicator.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.core.event.IndicatorsComputed;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Publishes snapshots to {@code indicators.v1}, keyed by symbol, and tells when the broker acknowledged each. */
@ApplicationScoped
public class SnapshotPublisher {
    /** Longer than the producer's own delivery timeout (2 minutes), so Kafka's answer normally comes first. */
    private static final long ACK_TIMEOUT_SECONDS = 150;

    private final Emitter<IndicatorsComputed> emitter;

    public SnapshotPublisher(@Channel("indicators") Emitter<IndicatorsComputed> emitter) {
        this.emitter = emitter;
    }

    /** Completes once every in-sync replica has the snapshot, exceptionally when Kafka refused it. */
    public CompletableFuture<Void> publish(IndicatorsComputed snapshot) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        emitter.send(Message.of(snapshot)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(snapshot.key()).build())
                .withAck(() -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    acknowledged.completeExceptionally(error);
                    return CompletableFuture.completedFuture(null);
                }));
        return acknowledged.orTimeout(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
