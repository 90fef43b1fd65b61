package io.tradeflow.execution.messaging;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sending through an emitter and waiting for Kafka's acknowledgement of every record, for the service's producers. */
final class Acknowledgements {
    /** Longer than the producer's own delivery timeout (2 minutes), which gives the real answer first. */
    private static final long ACK_TIMEOUT_SECONDS = 150;

    private Acknowledgements() {
    }

    static <T> void sendAndWait(Emitter<T> emitter, Message<T> message, String what) {
        sendAndWait(emitter, List.of(message), what);
    }

    /** Sends all, then waits for all; throws IllegalStateException naming {@code what} when one was refused. */
    static <T> void sendAndWait(Emitter<T> emitter, List<Message<T>> messages, String what) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(messages.size());
        for (Message<T> message : messages) {
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            emitter.send(message.withAck(() -> {
                acknowledged.complete(null);
                return CompletableFuture.completedFuture(null);
            }).withNack(error -> {
                acknowledged.completeExceptionally(error);
                return CompletableFuture.completedFuture(null);
            }));
            acks.add(acknowledged);
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No acknowledgement for " + what + " in " + ACK_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending " + what, e);
        }
    }
}
