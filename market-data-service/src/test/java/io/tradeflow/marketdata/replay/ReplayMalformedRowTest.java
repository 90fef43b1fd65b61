package io.tradeflow.marketdata.replay;

import io.quarkus.test.common.QuarkusTestResource;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A recorded file with a cut row in the middle: that row is skipped and reported, every other one published. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@TestProfile(ReplayMalformedRowTest.Profile.class)
class ReplayMalformedRowTest {
    /** 120 rows of ETHUSDT 2023-10-01 00:00 to 01:59; line 61 (00:59) is cut after its 5th column. */
    private static final Path FILE = ReplayCsvReaderTest.resource("ETHUSDT-1m-2023-10-01-malformed.csv");
    private static final Symbol ETHUSDT = Symbol.of("ETHUSDT");
    private static final long CUT_ROW_OPEN_TIME = 1696121940000L;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tradeflow.market-data.source", "replay",
                    "tradeflow.market-data.replay.files", FILE.toString(),
                    "tradeflow.market-data.replay.skip-malformed", "true");
        }
    }

    @Inject
    ReplaySource replay;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theMalformedRowIsSkippedAndTheRestPublished() {
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
                .containsExactly(ReplaySummary.End.COMPLETED, 120L, 1L);
        assertThat(summary.published() + summary.duplicates()).isEqualTo(119);
    }
}
