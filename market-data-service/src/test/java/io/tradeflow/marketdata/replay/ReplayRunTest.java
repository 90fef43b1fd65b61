package io.tradeflow.marketdata.replay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.testing.RecordedDay;
import io.tradeflow.klinefiles.KlineFileException;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.tradeflow.klinefiles.testing.KlineTestFiles.ROW_1_US;
import static io.tradeflow.klinefiles.testing.KlineTestFiles.ROW_2_US;
import static io.tradeflow.klinefiles.testing.KlineTestFiles.ROW_3_MS;
import static io.tradeflow.klinefiles.testing.KlineTestFiles.example;
import static io.tradeflow.klinefiles.testing.KlineTestFiles.klines;
import static io.tradeflow.klinefiles.testing.KlineTestFiles.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay loop with a recording sink: no Kafka, no Quarkus. */
class ReplayRunTest {
    private static final Path MALFORMED = ReplayFiles.resource("ETHUSDT-1m-2023-10-01-malformed.csv");
    private static final Path DAY = RecordedDay.file();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MarketDataMetrics metrics = new MarketDataMetrics(registry);
    private final RecordingSink sink = new RecordingSink();

    @TempDir
    Path dir;

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

    @Test
    void aReplayOfKlinesAllOnTheTopicAlreadyCompletes() {
        // A second replay of the same file yields klines that are all duplicates: not a file that yields nothing.
        sink.alreadyPublished.addAll(klines(readAll(DAY)));

        ReplaySummary summary = replay(List.of(DAY), "max", true).run();

        assertThat(summary).extracting(ReplaySummary::end, ReplaySummary::published, ReplaySummary::duplicates)
                .containsExactly(ReplaySummary.End.COMPLETED, 0L, 1440L);
    }

    @Test
    void aFileWhoseEveryRowIsMalformedFailsTheReplayBeforeAnyLaterKlineNamingItsFirstBadLine() throws IOException {
        // Trade rows (7 columns) under a kline file's name, replayed with a good file of another pair.
        Path trades = write("ETHUSDT-1m-2023-11-15.csv",
                "51175358,17.80180000,5.69000000,101.29224200,1700006400000,True,True",
                "51175359,17.80190000,1.00000000,17.80190000,1700006400100,False,True");

        ReplaySummary summary = replay(List.of(trades, DAY), "max", true).run();

        assertThat(sink.klines).isEmpty();
        assertThat(summary).extracting(ReplaySummary::end, ReplaySummary::rows, ReplaySummary::malformed, ReplaySummary::published)
                .containsExactly(ReplaySummary.End.FAILED, 2L, 2L, 0L);
        assertThat(summary.detail()).isEqualTo("replay file " + trades + " yielded no kline: all 2 rows are malformed, the first at "
                + trades + ":1: expected 12 columns, found 7. Is it a kline file of the pair and interval its name says?");
    }

    @Test
    void aFileWithoutADataRowFailsTheReplay() throws IOException {
        Path headerOnly = write("BTCUSDT-1m-2023-11-15.csv",
                "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore");

        ReplaySummary summary = replay(List.of(headerOnly), "max", true).run();

        assertThat(summary.end()).isEqualTo(ReplaySummary.End.FAILED);
        assertThat(summary.detail()).isEqualTo("replay file " + headerOnly + " holds no data row: it is empty or not a kline file");
    }

    @Test
    void moreMalformedRowsThanTheShareAllowedFailTheReplayWhenTheFileEnds() {
        // 1 row in 120 is 0.83 %: within the default 1 %, beyond 0.5 %.
        ReplaySummary summary = replay(List.of(MALFORMED), "max", new MalformedRowLimits(true, 0.005)).run();

        assertThat(sink.klines).hasSize(119);
        assertThat(summary).extracting(ReplaySummary::end, ReplaySummary::rows, ReplaySummary::malformed)
                .containsExactly(ReplaySummary.End.FAILED, 120L, 1L);
        assertThat(summary.detail()).isEqualTo("replay file " + MALFORMED + ": 1 of its 120 rows (0.83%) are malformed, more than "
                + "tradeflow.market-data.replay.max-skipped-share=0.005 allows; the first at " + MALFORMED + ":61: expected 12 "
                + "columns, found 5. Fix or download the file again, or raise tradeflow.market-data.replay.max-skipped-share "
                + "to replay it with these holes.");
    }

    @Test
    void aFileOverItsShareStopsTheReplayBeforeTheRowsReadAfterItsEnd() throws IOException {
        // A bad hour (one row in three cut) ends before the good day goes on: nothing after its end is published.
        List<String> lines = Files.readAllLines(DAY).subList(1, 61);
        List<String> damaged = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            damaged.add(i % 3 == 2 ? lines.get(i).substring(0, 20) : lines.get(i));
        }
        Path badHour = write("ETHUSDT-1m-2023-11-15.csv", damaged.toArray(String[]::new));

        ReplaySummary summary = replay(List.of(badHour, DAY), "max", true).run();

        assertThat(summary.end()).isEqualTo(ReplaySummary.End.FAILED);
        assertThat(summary.detail()).startsWith("replay file " + badHour + ": 20 of its 60 rows (33.33%) are malformed")
                .contains("the first at " + badHour + ":3: expected 12 columns");
        // The merge hands BTCUSDT and ETHUSDT of each minute in turn. The bad file's last row (minute 59) is a cut
        // one: its end is seen when BTCUSDT's minute 59 is read, which is not published, nor anything after it.
        assertThat(sink.klines).filteredOn(kline -> kline.symbol().value().equals("ETHUSDT")).hasSize(40);
        assertThat(sink.klines).filteredOn(kline -> kline.symbol().value().equals("BTCUSDT")).extracting(Kline::openTime)
                .hasSize(59).last().isEqualTo(1700006400000L + 58 * 60_000L);
    }

    @Test
    void aShareOutsideZeroToOneIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new MalformedRowLimits(true, 1.5))
                .isInstanceOf(ReplayException.class)
                .hasMessageStartingWith("tradeflow.market-data.replay.max-skipped-share: 1.5 is not a share of a file's rows between 0 and 1");
        assertThatThrownBy(() -> new MalformedRowLimits(true, Double.NaN)).isInstanceOf(ReplayException.class);
        assertThatThrownBy(() -> new MalformedRowLimits(true, -0.01)).isInstanceOf(ReplayException.class);
    }

    @Test
    void theIssuesMicrosecondAndMonthlyFilesReplayAsKlinesInMilliseconds() {
        ReplaySummary summary = replay(List.of(example("BTCUSDT-1m-2025-01-01.zip"), example("BTCUSDT-1mo-2024-01.csv")),
                "max", true).run();

        assertThat(summary.end()).isEqualTo(ReplaySummary.End.COMPLETED);
        assertThat(sink.klines).extracting(kline -> kline.interval().code() + " " + kline.openTime() + "-" + kline.closeTime())
                .containsExactly("1M 1704067200000-1706745599999", "1m 1735689600000-1735689659999",
                        "1m 1735689660000-1735689719999", "1m 1735689720000-1735689779999");
        assertThat(sink.eventTimes).containsExactly(1706745599999L, 1735689659999L, 1735689719999L, 1735689779999L);
    }

    @Test
    void aFileMixingTimeUnitsFailsTheReplayWhenTheMixIsReadNamingTheLine() throws IOException {
        Path mixed = write("BTCUSDT-1m-2025-01-01.csv", ROW_1_US, ROW_2_US, ROW_3_MS);

        ReplaySummary summary = replay(List.of(mixed), "max", true).run();

        // The merge reads a file one row ahead: line 3 is read, and the file refused, as line 2 is handed over.
        assertThat(sink.klines).extracting(Kline::openTime).containsExactly(1735689600000L);
        assertThat(summary.end()).isEqualTo(ReplaySummary.End.FAILED);
        assertThat(summary.detail()).startsWith("Kline file " + mixed + ":3 mixes time units");
    }

    @Test
    void theReplayRefusesToStartWhenAnyFileCannotBeUsedNamingIt() throws IOException {
        Path good = Files.writeString(dir.resolve("BTCUSDT-1m-2023-11-15.csv"), "");
        Path badlyNamed = Files.writeString(dir.resolve("btc-minutes.csv"), "");
        Path missing = dir.resolve("ETHUSDT-1m-2023-11-15.csv");

        assertThatThrownBy(() -> Replay.openAll(List.of(good, badlyNamed)))
                .isInstanceOf(KlineFileException.class).hasMessageContaining(badlyNamed.toString());
        assertThatThrownBy(() -> Replay.openAll(List.of(good, missing)))
                .isInstanceOf(KlineFileException.class).hasMessageContaining("Cannot read kline file " + missing);
        assertThatThrownBy(() -> Replay.openAll(List.of()))
                .isInstanceOf(ReplayException.class).hasMessageContaining("tradeflow.market-data.replay.files names no file");
    }

    private Replay replay(List<Path> files, String speed, boolean skipMalformed) {
        return replay(files, speed, new MalformedRowLimits(skipMalformed, 0.01));
    }

    private Replay replay(List<Path> files, String speed, MalformedRowLimits limits) {
        return new Replay(Replay.openAll(files), ReplaySpeed.parse(speed), limits, sink, metrics, Duration.ofSeconds(5));
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
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
