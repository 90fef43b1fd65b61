package io.tradeflow.marketdata.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
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

/**
 * A recorded file with a cut row in the middle: that row is skipped and reported, every other one published; with
 * {@code max-skipped-share} set below its one row in 120, the replay then fails over the file, and readiness says
 * which file and line.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@TestProfile(ReplayMalformedRowTest.Profile.class)
class ReplayMalformedRowTest {
    /** 120 rows of ETHUSDT 2023-10-01 00:00 to 01:59; line 61 (00:59) is cut after its 5th column. */
    private static final Path FILE = ReplayFiles.resource("ETHUSDT-1m-2023-10-01-malformed.csv");
    private static final Symbol ETHUSDT = Symbol.of("ETHUSDT");
    private static final long CUT_ROW_OPEN_TIME = 1696121940000L;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tradeflow.market-data.source", "replay",
                    "tradeflow.market-data.replay.files", FILE.toString(),
                    "tradeflow.market-data.replay.skip-malformed", "true",
                    // 1 row in 120 (0.83 %) passes the default 1 %, not this.
                    "tradeflow.market-data.replay.max-skipped-share", "0.005");
        }
    }

    @Inject
    ReplaySource replay;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @TestHTTPResource("/q/health/ready")
    URL readiness;

    @Test
    void theMalformedRowIsSkippedTheRestPublishedAndTheFileOverItsShareFailsTheReplayAndReadiness() throws Exception {
        RecordedRows rows = RecordedRows.of(FILE);
        assertThat(rows.size()).isEqualTo(119);
        long first = rows.openTime(0);
        long last = rows.openTime(rows.size() - 1);

        List<KlineClosed> events = KlineTopic.readAll(bootstrap, event -> event.symbol().equals(ETHUSDT)
                        && event.interval() == Interval.ONE_MINUTE && event.openTime() >= first && event.openTime() <= last, rows.size())
                .stream().map(ConsumerRecord::value).sorted(Comparator.comparingLong(KlineClosed::openTime)).toList();

        assertThat(events).hasSize(119).extracting(KlineClosed::openTime).doesNotContain(CUT_ROW_OPEN_TIME);
        for (int i = 0; i < rows.size(); i++) {
            rows.assertEqual(i, events.get(i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> replay.summary().isPresent());
        ReplaySummary summary = replay.summary().orElseThrow();
        assertThat(summary).extracting(ReplaySummary::end, ReplaySummary::rows, ReplaySummary::malformed)
                .containsExactly(ReplaySummary.End.FAILED, 120L, 1L);
        assertThat(summary.published() + summary.duplicates()).isEqualTo(119);
        assertThat(summary.detail()).startsWith("replay file " + FILE + ": 1 of its 120 rows (0.83%) are malformed, more than "
                + "tradeflow.market-data.replay.max-skipped-share=0.005 allows; the first at " + FILE + ":61: expected 12 columns");

        HttpResponse<String> ready;
        try (HttpClient client = HttpClient.newHttpClient()) {
            ready = client.send(HttpRequest.newBuilder(URI.create(readiness.toString())).build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode check = replayCheck(ready.body());
        assertThat(check.path("status").asText()).isEqualTo("DOWN");
        assertThat(check.path("data").path("state").asText()).isEqualTo("failed");
        assertThat(check.path("data").path("failure").asText()).isEqualTo(summary.detail());
    }

    /** The {@code kline-replay} check of a health answer. */
    static JsonNode replayCheck(String health) throws Exception {
        for (JsonNode check : new ObjectMapper().readTree(health).path("checks")) {
            if (check.path("name").asText().equals("kline-replay")) {
                return check;
            }
        }
        throw new AssertionError("no kline-replay check in " + health);
    }
}
