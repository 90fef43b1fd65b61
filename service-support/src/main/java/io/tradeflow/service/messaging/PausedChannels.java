package io.tradeflow.service.messaging;

import io.smallrye.reactive.messaging.PausableChannel;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Resumes a channel configured {@code initially-paused=true} once the service is ready for its records.
 *
 * <p>Why a loop: the channel may not be registered yet when the service is ready, and SmallRye 4.31's
 * {@code PausableMulti.resume()} did nothing before the {@code @Incoming} method subscribed (the lost resume left the
 * Kafka consumer never polling, never in its group). 4.33 pauses with Mutiny's {@code DemandPauser}, which keeps an
 * early resume but throws while not bound to its stream. The channel counts as resumed only when
 * {@link PausableChannel#isPaused()} says so.
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
            if (channel != null && resumed(channel)) {
                return true;
            }
            try {
                Thread.sleep(retry.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return false;
    }

    private static boolean resumed(PausableChannel channel) {
        try {
            channel.resume();
            return !channel.isPaused();
        } catch (IllegalStateException notBoundYet) {
            return false;
        }
    }
}
