package io.tradeflow.indicator.stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.testing.RecordedDay;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.service.stream.PollBatch;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class KlineProcessingTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @TestHTTPResource("/q/metrics")
    URI metrics;
    @TestHTTPResource("/q/health/ready")
    URI ready;

    @Test
    void aRecordedDayGivesOneSnapshotPerKlineEqualToAnInProcessSeries() throws Exception {
        Symbol symbol = Symbol.of("DAYTESTUSDT");
        List<KlineClosed> day = RecordedDay.closed(symbol);
        assertThat(day).hasSize(RecordedDay.SIZE);

        TestKafka.send(bootstrap, day);
        List<IndicatorsComputed> published = TestKafka.snapshots(bootstrap, symbol, day.size());

        List<IndicatorsComputed> expected = InProcess.apply(InProcess.series(symbol, InProcess.DEFAULTS), day);
        assertThat(InProcess.comparable(published)).containsExactlyElementsOf(InProcess.comparable(expected));
        assertThat(published).allSatisfy(s -> assertThat(s.producedAt()).isGreaterThan(s.closeTime()));
        // sma(200) needs 200 klines: absent and not stable before the 200th, present and stable from it on.
        assertThat(published.subList(0, 199)).allSatisfy(s -> {
            assertThat(s.values()).doesNotContainKey("sma(200)");
            assertThat(s.stable()).isFalse();
        });
        assertThat(published.subList(199, day.size())).allSatisfy(s -> {
            assertThat(s.values()).containsKeys("sma(21)", "sma(200)", "rsi(14)");
            assertThat(s.stable()).isTrue();
        });
        assertThat(published.get(19).values()).doesNotContainKey("sma(21)");
        assertThat(published.get(20).values()).containsKey("sma(21)");
        assertThat(PollBatch.polls()).as("the PollBatch interceptor counts the stream thread's polls, so a caught-up"
                + " burst commits once").isPositive();

        String scraped = get(metrics);
        assertThat(scraped).contains("tradeflow_klines_processed_total{interval=\"1m\"}",
                "tradeflow_indicators_published_total{interval=\"1m\"}", "tradeflow_indicators_update_seconds_bucket",
                "tradeflow_series_restored_total{from=\"none\"}",
                // Kafka Streams' own metrics, through Quarkus' Micrometer binder: consumer lag and commits
                "kafka_consumer_fetch_manager_records_lag_max", "kafka_stream_thread_commit_total");
        assertThat(status(ready)).isEqualTo(200);
        assertThat(get(ready)).contains("kline-processing");
    }

    @Test
    void aDuplicateOrOlderKlineProducesNothing() {
        Symbol symbol = Symbol.of("DUPTESTUSDT");
        List<KlineClosed> klines = RecordedDay.closed(symbol).subList(0, 11);
        List<KlineClosed> sent = new ArrayList<>(klines.subList(0, 10));
        sent.add(klines.get(9));
        sent.add(klines.get(4));
        // The last kline proves the two before it were consumed.
        sent.add(klines.get(10));

        TestKafka.send(bootstrap, sent);
        List<IndicatorsComputed> published = TestKafka.snapshots(bootstrap, symbol, 11);

        assertThat(published).extracting(IndicatorsComputed::openTime)
                .containsExactlyElementsOf(klines.stream().map(KlineClosed::openTime).toList());
        assertThat(get(metrics)).contains("tradeflow_klines_duplicates_total{interval=\"1m\"}");
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextKlineIsProcessed() {
        Symbol symbol = Symbol.of("DLQTESTUSDT");
        List<KlineClosed> klines = RecordedDay.closed(symbol).subList(0, 2);
        byte[] poison = "{\"eventType\":\"KlineClosed\",\"symbol\":\"DLQTESTUSDT\"".getBytes(StandardCharsets.UTF_8);

        TestKafka.send(bootstrap, klines.subList(0, 1));
        TestKafka.sendRaw(bootstrap, Topics.KLINES, symbol.value(), poison);
        TestKafka.send(bootstrap, klines.subList(1, 2));

        var dead = TestKafka.deadLetters(bootstrap, symbol.value(), 1);
        assertThat(dead).singleElement().satisfies(record -> assertThat(record.value()).isEqualTo(poison));
        List<IndicatorsComputed> published = TestKafka.snapshots(bootstrap, symbol, 2);
        assertThat(published).extracting(IndicatorsComputed::openTime)
                .containsExactly(klines.get(0).openTime(), klines.get(1).openTime());
        assertThat(IntStream.range(0, 2).mapToObj(i -> InProcess.comparable(published.get(i))).toList())
                .isEqualTo(InProcess.comparable(InProcess.apply(InProcess.series(symbol, InProcess.DEFAULTS), klines)));
    }

    private static int status(URI uri) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(URI uri) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
