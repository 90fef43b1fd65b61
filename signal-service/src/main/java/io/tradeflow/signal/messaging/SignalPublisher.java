package io.tradeflow.signal.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.signal.domain.SignalSink;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends a signal to {@code signals.v1}, keyed by symbol, and waits for the broker's acknowledgement. */
@ApplicationScoped
public class SignalPublisher implements SignalSink {
    /** Longer than the producer's own delivery timeout (2 minutes), which gives the real answer first. */
    private static final long ACK_TIMEOUT_SECONDS = 150;

    private final Emitter<SignalGenerated> emitter;

    public SignalPublisher(@Channel("signals") Emitter<SignalGenerated> emitter) {
        this.emitter = emitter;
    }

    @Override
    public void publish(SignalGenerated signal) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        emitter.send(Message.of(signal)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(signal.key()).build())
                .withAck(() -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    acknowledged.completeExceptionally(error);
                    return CompletableFuture.completedFuture(null);
                }));
        try {
            acknowledged.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused " + signal.eventId() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No acknowledgement for " + signal.eventId() + " in " + ACK_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the acknowledgement of " + signal.eventId(), e);
        }
    }
}
