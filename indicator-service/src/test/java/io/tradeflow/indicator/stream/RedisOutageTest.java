package io.tradeflow.indicator.stream;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis is off the per-kline path: a series already here goes on while Redis refuses the service. Only a series
 * seen for the first time needs it (its warm-up): that kline waits, readiness goes DOWN, its stream thread is
 * replaced and the kline tried again from the last commit; when Redis is back every snapshot is there exactly once.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class RedisOutageTest {
    private static final Symbol LIVE = Symbol.of("REDISDOWNINDUSDT");
    private static final Symbol NEW = Symbol.of("REDISDOWNNEWUSDT");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;
    @TestHTTPResource("/q/health/ready")
    URL readiness;

    @Test
    void aLiveSeriesGoesOnWithoutRedisAndANewOneWaitsForItLosingAndDuplicatingNothing() throws Exception {
        List<KlineClosed> live = RecordedDay.klines(LIVE).subList(0, 40);
        List<KlineClosed> fresh = RecordedDay.klines(NEW).subList(0, 10);
        TestKafka.send(bootstrap, live.subList(0, 20));
        assertThat(TestKafka.snapshots(bootstrap, LIVE, 20)).hasSize(20);

        try (var admin = new RedisCommands(redisUrl)) {
            admin.refuseOthers();
            try {
                TestKafka.send(bootstrap, live.subList(20, 40));
                assertThat(TestKafka.snapshots(bootstrap, LIVE, 40)).as("no Redis call for a series already here").hasSize(40);

                TestKafka.send(bootstrap, fresh);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(readiness)).isEqualTo(503));
                Thread.sleep(6_000); // past retry.give-up-after: the stream thread was replaced at least once
                assertThat(TestKafka.snapshots(bootstrap, NEW, 0)).as("the new series' first kline waits for its warm-up").isEmpty();
            } finally {
                admin.acceptOthers();
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> TestKafka.snapshots(bootstrap, NEW, 0).size() == fresh.size());
        List<IndicatorsComputed> published = TestKafka.snapshots(bootstrap, NEW, fresh.size());
        assertThat(InProcess.comparable(published)).as("each once, in order")
                .containsExactlyElementsOf(InProcess.comparable(InProcess.apply(InProcess.series(NEW, InProcess.DEFAULTS), fresh)));
        assertThat(InProcess.comparable(TestKafka.snapshots(bootstrap, LIVE, 40)))
                .containsExactlyElementsOf(InProcess.comparable(InProcess.apply(InProcess.series(LIVE, InProcess.DEFAULTS), live)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(readiness)).isEqualTo(200));
    }

    private static int status(URL url) throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url.toString())).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }
}
