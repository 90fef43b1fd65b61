package io.tradeflow.signal.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.signal.domain.SignalSink;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends signals and watermarks to {@code signals.v1}, keyed by symbol, and waits for the broker's acknowledgement
 * of each, so that a record sent after another lands behind it on their partition.
 */
@ApplicationScoped
public class SignalPublisher implements SignalSink {
    /** Longer than the producer's own delivery timeout (2 minutes), which gives the real answer first. */
    private static final long ACK_TIMEOUT_SECONDS = 150;

    private final Emitter<Event> emitter;

    public SignalPublisher(@Channel("signals") Emitter<Event> emitter) {
        this.emitter = emitter;
    }

    @Override
    public void publish(SignalGenerated signal) {
        sendAndWait(signal);
    }

    @Override
    public void publish(SignalWatermark watermark) {
        sendAndWait(watermark);
    }

    private void sendAndWait(Event event) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        emitter.send(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build())
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
            throw new IllegalStateException("Kafka refused " + event.eventType() + " " + event.eventId() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No acknowledgement for " + event.eventType() + " " + event.eventId()
                    + " in " + ACK_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the acknowledgement of " + event.eventType()
                    + " " + event.eventId(), e);
        }
    }
}
