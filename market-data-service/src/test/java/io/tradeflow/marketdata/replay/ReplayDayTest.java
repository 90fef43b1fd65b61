package io.tradeflow.marketdata.replay;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.testing.RecordedDay;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.marketdata.source.ReplaySource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real recorded day through the running service, against the devstack's Kafka and Redis. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@TestProfile(ReplayDayTest.Profile.class)
class ReplayDayTest {
    private static final Path DAY = RecordedDay.file();
    private static final Symbol BTCUSDT = Symbol.of("BTCUSDT");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tradeflow.market-data.source", "replay",
                    "tradeflow.market-data.replay.files", DAY.toString(),
                    "tradeflow.market-data.replay.speed", "max");
        }
    }

    @Inject
    ReplaySource replay;
    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "tradeflow.market-data.candles.keep")
    int keep;
    @TestHTTPResource("/q/health/ready")
    URL readiness;

    @Test
    void everyRowIsPublishedOnceEqualToItsRowKeyedBySymbolAndTheNewestAreKeptInRedis() throws Exception {
        RecordedRows rows = RecordedRows.of(DAY);
        assertThat(rows.size()).isEqualTo(1440);
        long first = rows.openTime(0);
        long last = rows.openTime(rows.size() - 1);

        List<ConsumerRecord<String, KlineClosed>> records = KlineTopic.readAll(bootstrap, event -> event.symbol().equals(BTCUSDT)
                && event.interval() == Interval.ONE_MINUTE && event.openTime() >= first && event.openTime() <= last, rows.size());

        assertThat(records).hasSize(1440).allSatisfy(record -> assertThat(record.key()).isEqualTo("BTCUSDT"));
        List<KlineClosed> events = records.stream().map(ConsumerRecord::value)
                .sorted(Comparator.comparingLong(KlineClosed::openTime)).toList();
        assertThat(events).extracting(KlineClosed::eventId).doesNotHaveDuplicates();
        for (int i = 0; i < rows.size(); i++) {
            rows.assertEqual(i, events.get(i));
        }
        assertThat(events).extracting(KlineClosed::source).containsOnly(KlineSource.REPLAY);
        assertThat(events).extracting(KlineClosed::market).containsOnly(Market.USD_M);

        await().atMost(Duration.ofSeconds(30)).until(() -> replay.summary().isPresent());
        ReplaySummary summary = replay.summary().orElseThrow();
        assertThat(summary.end()).isEqualTo(ReplaySummary.End.COMPLETED);
        assertThat(summary.rows()).isEqualTo(1440);
        assertThat(summary.malformed()).isZero();
        String health;
        try (HttpClient client = HttpClient.newHttpClient()) {
            health = client.send(HttpRequest.newBuilder(URI.create(readiness.toString())).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        // Only the replay's own check: the others (Kafka, Redis) are not this test's subject.
        assertThat(ReplayMalformedRowTest.replayCheck(health).path("status").asText()).isEqualTo("UP");
        assertThat(ReplayMalformedRowTest.replayCheck(health).path("data").path("state").asText()).isEqualTo("completed");

        String key = "candles:BTCUSDT:1m";
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> tail = redis.list(String.class).lrange(key, -1, -1);
            return !tail.isEmpty() && EventCodec.decode(tail.getFirst(), KlineClosed.class).openTime() == last;
        });
        List<KlineClosed> cached = redis.list(String.class).lrange(key, 0, -1).stream()
                .map(json -> EventCodec.decode(json, KlineClosed.class)).toList();
        assertThat(keep).isEqualTo(500);
        assertThat(cached).hasSize(keep).isEqualTo(events.subList(events.size() - keep, events.size()));
    }
}
