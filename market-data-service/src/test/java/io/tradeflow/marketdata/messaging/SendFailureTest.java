package io.tradeflow.marketdata.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.marketdata.cache.CandleStore;
import io.tradeflow.marketdata.config.MarketDataConfig;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.domain.PublishedKlines;
import io.tradeflow.marketdata.domain.PublishingFailedException;
import io.tradeflow.marketdata.domain.Subscription;
import io.tradeflow.marketdata.health.PublishingHealth;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A kline the producer will not take (the emitter throws, e.g. its channel was cancelled) gives its in-flight permit
 * back, is not counted as published, is counted as a failure, takes readiness and liveness DOWN, and stops all
 * further publishing: a later kline on the topic would make the failed one a hole that the restart cannot fill.
 * The publisher is built by hand around a channel that throws on command: a real Kafka channel cannot be made to.
 */
class SendFailureTest {
    private static final Symbol SYMBOL = Symbol.of("SENDFAILUSDT");
    private static final long START = 1700006400000L;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MarketDataConfig config = new SmallRyeConfigBuilder().withMapping(MarketDataConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter()).build()
            .getConfigMapping(MarketDataConfig.class);
    private final ThrowingChannel channel = new ThrowingChannel();
    private final PublishedKlines published = new PublishedKlines();
    private final MarketDataMetrics metrics = new MarketDataMetrics(registry);
    private final KlinePublisher publisher = new KlinePublisher(channel, published, new CandleStore(null, metrics, config), metrics, config);

    @Test
    void aKlineThatCannotBeHandedOverLeavesNoPermitNoPublishedMarkAndStopsPublishing() {
        assertThat(publish(0)).isEqualTo(KlineSink.Outcome.PUBLISHED);
        channel.sent.getFirst().ack();
        channel.failing = true;

        assertThatThrownBy(() -> publish(1))
                .isInstanceOf(PublishingFailedException.class)
                .hasMessageContaining("could not hand").hasMessageContaining("channel cancelled");

        assertThat(publisher.inFlight()).as("permit given back").isZero();
        assertThat(published.newestOpenTime(new Subscription(SYMBOL, Interval.ONE_MINUTE))).as("kline 1 is not published")
                .hasValue(START);
        assertThat(registry.counter("tradeflow.klines.publish.failures").count()).isEqualTo(1);
        assertThat(readiness()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(new PublishingHealth.Publishing(publisher).call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        channel.failing = false;
        assertThatThrownBy(() -> publish(2))
                .as("nothing after the failed kline goes out, even once the channel takes klines again")
                .isInstanceOf(PublishingFailedException.class).hasMessageContaining("restart the service");
        assertThat(channel.sent).hasSize(1);
    }

    @Test
    void aKlineKafkaRefusesStopsPublishingToo() {
        publish(0);
        channel.sent.getFirst().nack(new IllegalStateException("record too large"));

        assertThat(publisher.inFlight()).isZero();
        assertThat(readiness()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThatThrownBy(() -> publish(1))
                .isInstanceOf(PublishingFailedException.class).hasMessageContaining("Kafka refused");
        assertThat(channel.sent).hasSize(1);
    }

    private KlineSink.Outcome publish(int i) {
        Kline kline = kline(i);
        return publisher.accept(kline, KlineSource.REPLAY, kline.closeTime());
    }

    private HealthCheckResponse.Status readiness() {
        return new PublishingHealth.KafkaProgress(publisher, config).call().getStatus();
    }

    private static Kline kline(int i) {
        long open = START + i * 60_000L;
        BigDecimal price = new BigDecimal("100");
        return new Kline(SYMBOL, Interval.ONE_MINUTE, open, open + 59_999, price, price, price, price, BigDecimal.ONE, price, 1);
    }

    /** The klines channel: keeps what it is given, or throws as a cancelled channel does. */
    private static final class ThrowingChannel implements Emitter<KlineClosed> {
        final List<Message<? extends KlineClosed>> sent = new ArrayList<>();
        volatile boolean failing;

        @Override
        public <M extends Message<? extends KlineClosed>> void send(M message) {
            if (failing) {
                throw new IllegalStateException("channel cancelled");
            }
            sent.add(message);
        }

        @Override
        public CompletionStage<Void> send(KlineClosed payload) {
            send(Message.of(payload));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return failing;
        }

        @Override
        public boolean hasRequests() {
            return !failing;
        }
    }
}
