package io.tradeflow.service.messaging;

import io.smallrye.reactive.messaging.PausableChannel;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Resumes a channel configured {@code initially-paused=true} once the service is ready for its records.
 *
 * <p>Why a loop: the channel registry hands out a pausable channel as soon as it is decorated, before its
 * {@code @Incoming} method subscribes, and until then SmallRye's {@code PausableMulti.resume()} does nothing and
 * the channel stays paused (4.31). A single early {@code resume()} is lost and the Kafka consumer never polls,
 * so it never joins its group. The channel counts as resumed only when {@link PausableChannel#isPaused()} says so.
 */
public final class PausedChannels {
    private PausedChannels() {
    }

    /**
     * Calls {@code resume()} every {@code retry} until the channel found by {@code lookup} (null while not wired
     * yet) reports itself not paused.
     *
     * @return true once resumed; false when the calling thread was interrupted first
     */
    public static boolean resume(Supplier<PausableChannel> lookup, Duration retry) {
        while (!Thread.currentThread().isInterrupted()) {
            PausableChannel channel = lookup.get();
            if (channel != null) {
                channel.resume();
                if (!channel.isPaused()) {
                    return true;
                }
            }
            try {
                Thread.sleep(retry.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return false;
    }
}
