package io.tradeflow.service.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.reactive.messaging.PausableChannel;
import io.smallrye.reactive.messaging.providers.helpers.PausableMulti;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Against SmallRye's own {@link PausableMulti}, the class behind every {@code initially-paused} channel. */
class PausedChannelsTest {

    @Test
    void aResumeBeforeTheSubscriptionIsLostByTheLibrary() {
        PausableMulti<Integer> channel = new PausableMulti<>(Multi.createFrom().items(1, 2, 3), true);

        channel.resume();

        assertThat(channel.isPaused()).as("the reason PausedChannels loops").isTrue();
    }

    @Test
    void resumesAChannelSubscribedAfterTheFirstAttempt() throws Exception {
        PausableMulti<Integer> channel = new PausableMulti<>(Multi.createFrom().items(1, 2, 3), true);
        CompletableFuture<Boolean> resumed = CompletableFuture.supplyAsync(
                () -> PausedChannels.resume(() -> channel, Duration.ofMillis(10)));
        Thread.sleep(200); // several attempts before anyone subscribes

        AssertSubscriber<Integer> subscriber = channel.subscribe().withSubscriber(AssertSubscriber.create(10));

        assertThat(resumed.get(5, TimeUnit.SECONDS)).isTrue();
        subscriber.awaitCompletion().assertItems(1, 2, 3);
    }

    @Test
    void waitsForTheChannelToBeWired() throws Exception {
        PausableMulti<Integer> channel = new PausableMulti<>(Multi.createFrom().items(7), true);
        long wiredAt = System.nanoTime() + Duration.ofMillis(100).toNanos();
        CompletableFuture<Boolean> resumed = CompletableFuture.supplyAsync(() -> PausedChannels.resume(
                () -> System.nanoTime() < wiredAt ? null : (PausableChannel) channel, Duration.ofMillis(10)));
        AssertSubscriber<Integer> subscriber = channel.subscribe().withSubscriber(AssertSubscriber.create(1));

        assertThat(resumed.get(5, TimeUnit.SECONDS)).isTrue();
        subscriber.awaitCompletion().assertItems(7);
    }

    @Test
    void givesUpWhenInterrupted() {
        PausableMulti<Integer> neverSubscribed = new PausableMulti<>(Multi.createFrom().items(1), true);
        Thread.currentThread().interrupt();

        assertThat(PausedChannels.resume(() -> neverSubscribed, Duration.ofMillis(10))).isFalse();
        assertThat(Thread.interrupted()).isTrue();
    }
}
