package io.tradeflow.marketdata.resilience;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.marketdata.messaging.KlinePublisher;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka unreachable for the kline producer: the first kline finds no metadata for the topic, so nothing is appended
 * and the source is held back on it (handed over again every {@code max.block.ms}); readiness goes DOWN, liveness
 * stays UP (nothing was refused for good), and the kline is not counted as published.
 */
@QuarkusTest
@TestProfile(KafkaDownTest.UnreachableKafka.class)
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class KafkaDownTest {
    private static final Symbol SYMBOL = Symbol.of("KAFKADOWNUSDT");
    private static final long START = 1700006400000L;

    @Inject
    KlinePublisher publisher;
    @TestHTTPResource("/q/health/ready")
    URL readiness;
    @TestHTTPResource("/q/health/live")
    URL liveness;

    @Test
    void theSourceIsHeldBackWhileKafkaIsUnreachableAndReadinessGoesDownButNotLiveness() throws Exception {
        Thread source = Thread.ofPlatform().daemon().start(() -> {
            Kline first = kline(0);
            publisher.accept(first, KlineSource.REPLAY, first.closeTime());
        });
        source.join(Duration.ofSeconds(3));
        assertThat(source.isAlive()).as("the source waits for Kafka, past several max.block.ms").isTrue();
        assertThat(publisher.inFlight()).as("the one kline handed over, none buffered behind it").isEqualTo(1);
        assertThat(publisher.failed()).as("unreachable is not refused").isFalse();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(RedisOutageTest.status(readiness)).isEqualTo(503));
        assertThat(RedisOutageTest.status(liveness)).isEqualTo(200);
        assertThat(source.isAlive()).isTrue();
    }

    private static Kline kline(int i) {
        long open = START + i * 60_000L;
        BigDecimal close = new BigDecimal("300.00").add(BigDecimal.valueOf(i, 2));
        return new Kline(SYMBOL, Interval.ONE_MINUTE, open, open + 59_999, close, close.add(BigDecimal.ONE),
                close.subtract(BigDecimal.ONE), close, new BigDecimal("1.5"), new BigDecimal("300"), 7);
    }

    /**
     * Only the kline producer points at a port nobody listens on (1, privileged, refused at once); everything else
     * uses the devstack. A fixed port, because Quarkus may ask a profile for its overrides more than once.
     */
    public static class UnreachableKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tradeflow.market-data.producer.bootstrap.servers", "127.0.0.1:1",
                    "tradeflow.market-data.producer.max.block.ms", "500",
                    "tradeflow.market-data.kafka-stall-timeout", "2s");
        }
    }
}
