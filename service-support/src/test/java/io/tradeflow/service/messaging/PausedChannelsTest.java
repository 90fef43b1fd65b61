package io.tradeflow.service.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.subscription.DemandPauser;
import io.smallrye.reactive.messaging.PausableChannel;
import io.smallrye.reactive.messaging.providers.extension.PausableChannelDecorator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against SmallRye's own pausable channel (Mutiny's {@link DemandPauser}), the one behind {@code initially-paused}. */
class PausedChannelsTest {

    @Test
    void anUnboundPauserRefusesToResume() {
        PausableChannel channel = new PausableChannelDecorator.PauserChannel(new DemandPauser());

        assertThatThrownBy(channel::resume).as("the reason PausedChannels retries").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resumesAChannelBeforeItsSubscriber() throws Exception {
        DemandPauser pauser = new DemandPauser();
        PausableChannel channel = new PausableChannelDecorator.PauserChannel(pauser);
        Multi<Integer> stream = Multi.createFrom().items(1, 2, 3).pauseDemand().paused(true).using(pauser);

        assertThat(PausedChannels.resume(() -> channel, Duration.ofMillis(10))).isTrue();

        stream.subscribe().withSubscriber(AssertSubscriber.<Integer>create(10)).awaitCompletion().assertItems(1, 2, 3);
    }

    @Test
    void waitsForTheChannelToBeBound() throws Exception {
        DemandPauser pauser = new DemandPauser();
        PausableChannel channel = new PausableChannelDecorator.PauserChannel(pauser);
        CompletableFuture<Boolean> resumed = CompletableFuture.supplyAsync(
                () -> PausedChannels.resume(() -> channel, Duration.ofMillis(10)));
        Thread.sleep(200); // several attempts before the stream is built

        Multi<Integer> stream = Multi.createFrom().items(7).pauseDemand().paused(true).using(pauser);

        assertThat(resumed.get(5, TimeUnit.SECONDS)).isTrue();
        stream.subscribe().withSubscriber(AssertSubscriber.<Integer>create(1)).awaitCompletion().assertItems(7);
    }

    @Test
    void waitsForTheChannelToBeRegistered() throws Exception {
        DemandPauser pauser = new DemandPauser();
        Multi<Integer> stream = Multi.createFrom().items(7).pauseDemand().paused(true).using(pauser);
        PausableChannel channel = new PausableChannelDecorator.PauserChannel(pauser);
        long registeredAt = System.nanoTime() + Duration.ofMillis(100).toNanos();

        boolean resumed = PausedChannels.resume(() -> System.nanoTime() < registeredAt ? null : channel, Duration.ofMillis(10));

        assertThat(resumed).isTrue();
        stream.subscribe().withSubscriber(AssertSubscriber.<Integer>create(1)).awaitCompletion().assertItems(7);
    }

    @Test
    void givesUpWhenInterrupted() {
        PausableChannel neverBound = new PausableChannelDecorator.PauserChannel(new DemandPauser());
        Thread.currentThread().interrupt();

        assertThat(PausedChannels.resume(() -> neverBound, Duration.ofMillis(10))).isFalse();
        assertThat(Thread.interrupted()).isTrue();
    }
}
