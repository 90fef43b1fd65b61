package io.tradeflow.execution.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.execution.persistence.ExecutionStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends stored order events (outbox rows) to {@code orders.v1}, keyed by symbol, in outbox order, and waits for
 * every acknowledgement. The idempotent producer keeps them in order and without duplicates within a run.
 */
@ApplicationScoped
public class OrderPublisher {
    /** Longer than the producer's own delivery timeout (2 minutes), which gives the real answer first. */
    private static final long ACK_TIMEOUT_SECONDS = 150;

    private final Emitter<byte[]> emitter;

    public OrderPublisher(@Channel("orders") Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public void send(List<ExecutionStore.OutboxRow> rows) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        for (ExecutionStore.OutboxRow row : rows) {
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            emitter.send(Message.of(row.payload())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(row.key()).withTopic(row.topic()).build())
                    .withAck(() -> {
                        acknowledged.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(error -> {
                        acknowledged.completeExceptionally(error);
                        return CompletableFuture.completedFuture(null);
                    }));
            acks.add(acknowledged);
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused an order event: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No acknowledgement for " + rows.size() + " order events in " + ACK_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing order events", e);
        }
    }
}
