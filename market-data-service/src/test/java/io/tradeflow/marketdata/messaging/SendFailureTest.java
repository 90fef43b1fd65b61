package io.tradeflow.marketdata.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.devstack.DevStackExtension;
import io.tradeflow.devstack.Endpoints;
import io.tradeflow.marketdata.cache.CandleStore;
import io.tradeflow.marketdata.config.MarketDataConfig;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.domain.PublishedKlines;
import io.tradeflow.marketdata.domain.PublishingFailedException;
import io.tradeflow.marketdata.domain.Subscription;
import io.tradeflow.marketdata.health.PublishingHealth;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A kline the producer will not take gives its in-flight permit back, is not counted as published, is counted as a
 * failure, takes readiness and liveness DOWN, and stops all further publishing: a later kline on the topic would make
 * the failed one a hole that the restart cannot fill. Refused outright by the real producer (too large for its
 * {@code max.request.size}, which it reports through the callback before the append); thrown by the producer; and
 * refused by Kafka after the append (Kafka's {@link MockProducer}: a real broker cannot be made to refuse one record).
 * And the two ways a kline waits: a send that finds Kafka unreachable is handed over again, and past
 * {@link KlinePublisher#MAX_IN_FLIGHT} unacknowledged klines the source is held back.
 */
@ExtendWith(DevStackExtension.class)
class SendFailureTest {
    private static final Symbol SYMBOL = Symbol.of("SENDFAILUSDT");
    private static final long START = 1700006400000L;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MarketDataConfig config = new SmallRyeConfigBuilder().withMapping(MarketDataConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter()).build()
            .getConfigMapping(MarketDataConfig.class);
    private final PublishedKlines published = new PublishedKlines();
    private final MarketDataMetrics metrics = new MarketDataMetrics(registry);

    @Test
    void aKlineTheProducerRefusesOutrightLeavesNoPermitNoPublishedMarkAndStopsPublishing(Endpoints devstack) {
        Map<String, Object> settings = KlineProducerSettings.of(Map.of("bootstrap.servers", devstack.kafkaBootstrapServers()),
                Map.of("max.request.size", "100"));
        try (Producer<String, byte[]> producer = new KafkaProducer<>(settings)) {
            KlinePublisher publisher = publisher(producer);

            assertThatThrownBy(() -> publish(publisher, 0))
                    .isInstanceOf(PublishingFailedException.class)
                    .hasMessageContaining("could not hand").hasRootCauseInstanceOf(RecordTooLargeException.class);

            assertThat(publisher.inFlight()).as("permit given back").isZero();
            assertThat(published.newestOpenTime(new Subscription(SYMBOL, Interval.ONE_MINUTE))).as("kline 0 is not published")
                    .isEmpty();
            assertThat(registry.counter("tradeflow.klines.publish.failures").count()).isEqualTo(1);
            assertThat(readiness(publisher)).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(new PublishingHealth.Publishing(publisher).call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThatThrownBy(() -> publish(publisher, 1))
                    .isInstanceOf(PublishingFailedException.class).hasMessageContaining("restart the service");
        }
    }

    @Test
    void aKlineThatCannotBeHandedOverStopsPublishingEvenOnceTheProducerTakesKlinesAgain() {
        MockProducer<String, byte[]> producer = mockProducer();
        KlinePublisher publisher = publisher(producer);
        assertThat(publish(publisher, 0)).isEqualTo(KlineSink.Outcome.PUBLISHED);
        producer.completeNext();
        producer.sendException = new KafkaException("producer closed");

        assertThatThrownBy(() -> publish(publisher, 1))
                .isInstanceOf(PublishingFailedException.class)
                .hasMessageContaining("could not hand").hasMessageContaining("producer closed");

        assertThat(publisher.inFlight()).as("permit given back").isZero();
        assertThat(published.newestOpenTime(new Subscription(SYMBOL, Interval.ONE_MINUTE))).as("kline 1 is not published")
                .hasValue(START);
        assertThat(readiness(publisher)).isEqualTo(HealthCheckResponse.Status.DOWN);

        producer.sendException = null;
        assertThatThrownBy(() -> publish(publisher, 2))
                .as("nothing after the failed kline goes out, even once the producer takes klines again")
                .isInstanceOf(PublishingFailedException.class).hasMessageContaining("restart the service");
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void aKlineKafkaRefusesAfterTheAppendStopsPublishingToo() throws InterruptedException {
        MockProducer<String, byte[]> producer = mockProducer();
        KlinePublisher publisher = publisher(producer);
        publish(publisher, 0);
        // Kafka's answers come on the producer's network thread, never on the thread that sent.
        Thread.ofPlatform().start(() -> producer.errorNext(new RecordTooLargeException("record too large"))).join();

        assertThat(publisher.inFlight()).isZero();
        assertThat(readiness(publisher)).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThatThrownBy(() -> publish(publisher, 1))
                .isInstanceOf(PublishingFailedException.class).hasMessageContaining("Kafka refused");
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void aSendThatFindsKafkaUnreachableIsHandedOverAgainOnceAndTheKlineIsPublished() {
        UnreachableAtFirst producer = new UnreachableAtFirst(2);
        KlinePublisher publisher = publisher(producer);

        assertThat(publish(publisher, 0)).isEqualTo(KlineSink.Outcome.PUBLISHED);

        assertThat(producer.attempts).as("two sends found no metadata, the third appended").isEqualTo(3);
        assertThat(producer.history()).as("appended once").hasSize(1);
        assertThat(publisher.inFlight()).isEqualTo(1);
        assertThat(publisher.failed()).isFalse();
        assertThat(published.newestOpenTime(new Subscription(SYMBOL, Interval.ONE_MINUTE))).hasValue(START);
    }

    @Test
    void pastMaxInFlightUnacknowledgedKlinesTheSourceWaitsUntilKafkaAcknowledgesOne() throws InterruptedException {
        MockProducer<String, byte[]> producer = mockProducer();
        KlinePublisher publisher = publisher(producer);
        for (int i = 0; i < KlinePublisher.MAX_IN_FLIGHT; i++) {
            publish(publisher, i);
        }
        assertThat(publisher.inFlight()).isEqualTo(KlinePublisher.MAX_IN_FLIGHT);

        Thread source = Thread.ofPlatform().start(() -> publish(publisher, KlinePublisher.MAX_IN_FLIGHT));
        source.join(Duration.ofMillis(500));
        assertThat(source.isAlive()).as("held back, nothing buffered beyond the bound").isTrue();
        assertThat(producer.history()).hasSize(KlinePublisher.MAX_IN_FLIGHT);

        Thread.ofPlatform().start(producer::completeNext).join();
        assertThat(source.join(Duration.ofSeconds(5))).as("let go by the acknowledgement").isTrue();
        assertThat(producer.history()).hasSize(KlinePublisher.MAX_IN_FLIGHT + 1);
        assertThat(publisher.inFlight()).isEqualTo(KlinePublisher.MAX_IN_FLIGHT);
    }

    private KlinePublisher publisher(Producer<String, byte[]> producer) {
        return new KlinePublisher(producer, published, new CandleStore(null, metrics, config), metrics, config);
    }

    /**
     * Reports its first {@code failures} sends as Kafka's producer does when the topic's metadata does not come
     * within {@code max.block.ms}: through the callback, on the sending thread, with nothing appended.
     */
    private static final class UnreachableAtFirst extends MockProducer<String, byte[]> {
        private final int failures;
        int attempts;

        UnreachableAtFirst(int failures) {
            super(false, null, new StringSerializer(), new ByteArraySerializer());
            this.failures = failures;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            if (++attempts <= failures) {
                TimeoutException unreachable = new TimeoutException("Topic " + record.topic() + " not present in metadata after 10 ms.");
                callback.onCompletion(null, unreachable);
                return CompletableFuture.failedFuture(unreachable);
            }
            return super.send(record, callback);
        }
    }

    private static MockProducer<String, byte[]> mockProducer() {
        return new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    }

    private static KlineSink.Outcome publish(KlinePublisher publisher, int i) {
        Kline kline = kline(i);
        return publisher.accept(kline, KlineSource.REPLAY, kline.closeTime());
    }

    private HealthCheckResponse.Status readiness(KlinePublisher publisher) {
        return new PublishingHealth.KafkaProgress(publisher, config).call().getStatus();
    }

    private static Kline kline(int i) {
        long open = START + i * 60_000L;
        BigDecimal price = new BigDecimal("100");
        return new Kline(SYMBOL, Interval.ONE_MINUTE, open, open + 59_999, price, price, price, price, BigDecimal.ONE, price, 1);
    }
}
