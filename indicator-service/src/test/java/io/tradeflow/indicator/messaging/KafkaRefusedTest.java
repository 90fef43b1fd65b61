package io.tradeflow.indicator.messaging;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.indicator.cache.CheckpointStore;
import io.tradeflow.indicator.domain.SeriesKey;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka refusing the snapshots for good (here: the snapshot producer points at a port nobody listens on, and gives
 * up after 3 s): the checkpoint never moves, so no kline is committed, and liveness asks for a restart.
 */
@QuarkusTest
@TestProfile(KafkaRefusedTest.UnreachableSnapshotTopic.class)
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class KafkaRefusedTest {
    private static final Symbol SYMBOL = Symbol.of("REFUSEDINDUSDT");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    RedisDataSource redis;
    @TestHTTPResource("/q/health/live")
    URL liveness;

    @Test
    void aRefusedSnapshotStopsAcknowledgementsAndTurnsLivenessDown() throws Exception {
        TestKafka.send(bootstrap, RecordedDay.klines(SYMBOL).subList(0, 3));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> live = get(liveness);
            assertThat(live.statusCode()).isEqualTo(503);
            assertThat(live.body()).contains("snapshot-publishing", "Kafka refused the snapshot of " + SYMBOL.value() + "-1m-");
        });
        assertThat(redis.value(String.class).get(CheckpointStore.key(new SeriesKey(SYMBOL, Interval.ONE_MINUTE))))
                .as("no checkpoint, so the klines stay uncommitted for the restart").isNull();
    }

    private static HttpResponse<String> get(URL url) throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url.toString())).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Port 1: privileged, nobody listens, refused at once; fixed because Quarkus may ask a profile more than once. */
    public static class UnreachableSnapshotTopic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.outgoing.indicators.bootstrap.servers", "127.0.0.1:1",
                    "mp.messaging.outgoing.indicators.max.block.ms", "2000",
                    "mp.messaging.outgoing.indicators.request.timeout.ms", "2000",
                    "mp.messaging.outgoing.indicators.delivery.timeout.ms", "3000");
        }
    }
}
