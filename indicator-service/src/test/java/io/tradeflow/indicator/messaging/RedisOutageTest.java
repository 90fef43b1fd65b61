package io.tradeflow.indicator.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.devstack.RedisCommands;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis refusing the service mid-stream: the kline in progress cannot write its checkpoint, so nothing after it is
 * processed or committed, readiness goes DOWN; when Redis is back the stream goes on and every snapshot is there,
 * equal to an uninterrupted run.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class RedisOutageTest {
    private static final Symbol SYMBOL = Symbol.of("REDISDOWNINDUSDT");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;
    @TestHTTPResource("/q/health/ready")
    URL readiness;

    @Test
    void nothingIsSkippedWhileRedisRefusesAndTheStreamGoesOnWhenItIsBack() throws Exception {
        List<KlineClosed> klines = RecordedDay.klines(SYMBOL).subList(0, 40);
        TestKafka.send(bootstrap, klines.subList(0, 20));
        assertThat(TestKafka.snapshots(bootstrap, SYMBOL, 20)).hasSize(20);

        try (var admin = new RedisCommands(redisUrl)) {
            admin.refuseOthers();
            try {
                TestKafka.send(bootstrap, klines.subList(20, 40));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(readiness)).isEqualTo(503));
                // The kline in progress may have published its snapshot before its checkpoint failed; no later one can.
                Thread.sleep(1_000);
                assertThat(distinct(TestKafka.snapshots(bootstrap, SYMBOL, 20)).size()).isBetween(20, 21);
            } finally {
                admin.acceptOthers();
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> distinct(TestKafka.snapshots(bootstrap, SYMBOL, 40)).size() == 40);
        assertThat(InProcess.comparable(List.copyOf(distinct(TestKafka.snapshots(bootstrap, SYMBOL, 40)).values())))
                .containsExactlyElementsOf(InProcess.comparable(InProcess.apply(InProcess.series(SYMBOL, InProcess.DEFAULTS), klines)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(readiness)).isEqualTo(200));
    }

    /** By event id, first of each, in topic order: a snapshot published before a failed checkpoint comes twice. */
    private static Map<String, IndicatorsComputed> distinct(List<IndicatorsComputed> snapshots) {
        Map<String, IndicatorsComputed> byId = new LinkedHashMap<>();
        snapshots.forEach(s -> byId.putIfAbsent(s.eventId(), s));
        return byId;
    }

    private static int status(URL url) throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url.toString())).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }
}
