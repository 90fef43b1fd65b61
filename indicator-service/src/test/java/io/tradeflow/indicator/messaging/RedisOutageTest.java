package io.tradeflow.indicator.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.devstack.RedisCommands;
import io.tradeflow.indicator.cache.CheckpointStore;
import io.tradeflow.indicator.domain.SeriesKey;
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
 * Redis refusing the service mid-stream: snapshots may still go out (at most a window of them), but no checkpoint
 * moves and so no kline is committed, readiness goes DOWN; when Redis is back the checkpoints catch up, the stream
 * goes on, and every snapshot is there once in its first publication, equal to an uninterrupted run.
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

        String checkpointKey = CheckpointStore.key(new SeriesKey(SYMBOL, klines.getFirst().interval()));
        try (var admin = new RedisCommands(redisUrl)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> lastOpenTime(admin.get(checkpointKey)) == klines.get(19).openTime());
            admin.refuseOthers();
            try {
                TestKafka.send(bootstrap, klines.subList(20, 40));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(readiness)).isEqualTo(503));
                Thread.sleep(1_000);
                assertThat(lastOpenTime(admin.get(checkpointKey))).as("no checkpoint moves while Redis refuses")
                        .isEqualTo(klines.get(19).openTime());
            } finally {
                admin.acceptOthers();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> lastOpenTime(admin.get(checkpointKey)) == klines.get(39).openTime());
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> distinct(TestKafka.snapshots(bootstrap, SYMBOL, 40)).size() == 40);
        assertThat(InProcess.comparable(List.copyOf(distinct(TestKafka.snapshots(bootstrap, SYMBOL, 40)).values())))
                .containsExactlyElementsOf(InProcess.comparable(InProcess.apply(InProcess.series(SYMBOL, InProcess.DEFAULTS), klines)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(readiness)).isEqualTo(200));
    }

    private static long lastOpenTime(String checkpointJson) {
        var matcher = java.util.regex.Pattern.compile("\"lastOpenTime\":(-?\\d+)").matcher(String.valueOf(checkpointJson));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : Long.MIN_VALUE;
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
