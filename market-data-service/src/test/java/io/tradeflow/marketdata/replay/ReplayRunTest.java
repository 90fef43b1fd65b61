package io.tradeflow.marketdata.replay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.testing.RecordedDay;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.tradeflow.marketdata.replay.ReplayCsvReaderTest.klines;
import static io.tradeflow.marketdata.replay.ReplayCsvReaderTest.readAll;
import static io.tradeflow.marketdata.replay.ReplayCsvReaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** The replay loop with a recording sink: no Kafka, no Quarkus. */
class ReplayRunTest {
    private static final Path MALFORMED = resource("ETHUSDT-1m-2023-10-01-malformed.csv");
    private static final Path DAY = RecordedDay.file();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MarketDataMetrics metrics = new MarketDataMetrics(registry);
    private final RecordingSink sink = new RecordingSink();

    @Test
    void everyRowGoesToTheSinkInOrderWithSourceReplayAndItsCloseTimeAsEventTime() {
        ReplaySummary summary = replay(List.of(DAY), "max", true).run();

        assertThat(sink.klines).isEqualTo(klines(readAll(DAY)));
        assertThat(sink.sources).containsOnly(KlineSource.REPLAY);
        assertThat(sink.eventTimes).isEqualTo(sink.klines.stream().map(Kline::closeTime).toList());
        assertThat(summary.end()).isEqualTo(ReplaySummary.End.COMPLETED);
        assertThat(summary.rows()).isEqualTo(1440);
        assertThat(summary.published()).isEqualTo(1440);
        assertThat(registry.get("tradeflow.replay.rows").counter().count()).isEqualTo(1440);
        assertThat(registry.get("tradeflow.klines.received").tag("source", "replay").tag("interval", "1m").counter().count()).isEqualTo(1440);
        assertThat(registry.get("tradeflow.replay.progress").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aMalformedRowIsSkippedAndTheRestPublished() {
        ReplaySummary summary = replay(List.of(MALFORMED), "max", true).run();

        assertThat(sink.klines).hasSize(119).isEqualTo(klines(readAll(MALFORMED)));
        assertThat(sink.klines).extracting(Kline::openTime).doesNotContain(1696121940000L).contains(1696122000000L);
        assertThat(summary).extracting(ReplaySummary::end, ReplaySummary::rows, ReplaySummary::published,
                        ReplaySummary::duplicates, ReplaySummary::malformed)
                .containsExactly(ReplaySummary.End.COMPLETED, 120L, 119L, 0L, 1L);
        assertThat(registry.get("tradeflow.replay.malformed").counter().count()).isEqualTo(1);
    }

    @Test
    void withSkipMalformedOffTheReplayStopsAtTheMalformedRowNamingIt() {
        ReplaySummary summary = replay(List.of(MALFORMED), "max", false).run();

        assertThat(sink.klines).hasSize(59);
        assertThat(summary.end()).isEqualTo(ReplaySummary.End.FAILED);
        assertThat(summary.detail()).contains(MALFORMED + ":61: expected 12 columns, found 5");
        assertThat(summary.malformed()).isEqualTo(1);
    }

    @Test
    void klinesTheSinkAlreadyHasAreCountedAsDuplicates() {
        sink.alreadyPublished.addAll(klines(readAll(DAY)).subList(0, 1000));

        ReplaySummary summary = replay(List.of(DAY), "max", true).run();

        assertThat(summary).extracting(ReplaySummary::rows, ReplaySummary::published, ReplaySummary::duplicates)
                .containsExactly(1440L, 440L, 1000L);
        assertThat(summary.toString()).startsWith("1440 rows, 440 published, 1000 duplicates skipped, 0 malformed, in ");
    }

    @Test
    void stopEndsAPacedReplayWithoutWaitingForTheNextRow() throws Exception {
        // Speed 1: the second row is due a minute after the first.
        Replay replay = replay(List.of(DAY), "1", true);
        CompletableFuture<ReplaySummary> running = CompletableFuture.supplyAsync(replay::run);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.klines.size() == 1);

        replay.stop();

        ReplaySummary summary = running.get(5, TimeUnit.SECONDS);
        assertThat(summary.end()).isEqualTo(ReplaySummary.End.STOPPED);
        assertThat(summary.rows()).isEqualTo(1);
        assertThat(sink.klines).hasSize(1);
    }

    private Replay replay(List<Path> files, String speed, boolean skipMalformed) {
        return new Replay(Replay.openAll(files), ReplaySpeed.parse(speed), skipMalformed, sink, metrics, Duration.ofSeconds(5));
    }

    /** Keeps what it is given; answers DUPLICATE for what it had already, as the real sink does. */
    private static final class RecordingSink implements KlineSink {
        final List<Kline> klines = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<KlineSource> sources = new ArrayList<>();
        final List<Long> eventTimes = new ArrayList<>();
        final Set<Kline> alreadyPublished = new HashSet<>();

        @Override
        public Outcome accept(Kline kline, KlineSource source, long eventTime) {
            if (!alreadyPublished.add(kline)) {
                return Outcome.DUPLICATE;
            }
            klines.add(kline);
            sources.add(source);
            eventTimes.add(eventTime);
            return Outcome.PUBLISHED;
        }
    }
}
