package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.Backtest;
import io.tradeflow.backtest.BacktestSettings;
import io.tradeflow.backtest.LoadedKlines;
import io.tradeflow.backtest.exchange.ExchangeInfoFile;
import io.tradeflow.backtest.report.Summary;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.testing.RecordedDay;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sweep over the recorded day (1440 BTCUSDT 1-minute klines): the same result on 1 thread as on 4, each combination
 * exactly what its own backtest gives, ranked, the top N run out of sample.
 */
class SweepTest {
    private static final BacktestSettings SETTINGS =
            BacktestSettings.of(PaperSettings.DEFAULTS, ExchangeInfoFile.builtIn().rules());
    private static LoadedKlines day;

    @BeforeAll
    static void recordedDay() {
        day = LoadedKlines.of(RecordedDay.closed(Symbol.of("BTCUSDT")));
    }

    @Test
    void oneThreadAndFourGiveTheSameResultsAndFiles() {
        SweepResult one = sweep(1);
        SweepResult four = sweep(4);

        assertThat(four.ranked()).isEqualTo(one.ranked());
        assertThat(SweepCsv.of(four)).isEqualTo(SweepCsv.of(one));
        assertThat(SweepJson.of(four)).isEqualTo(SweepJson.of(one));
        assertThat(SweepTable.of(four)).isEqualTo(SweepTable.of(one));
        assertThat(one.ranked()).as("the day trades, so that a difference could show")
                .allSatisfy(outcome -> assertThat(outcome.inSample().trades()).isPositive());
    }

    @Test
    void eachCombinationIsWhatItsOwnBacktestGivesRankedByTheMeasure() {
        SweepResult result = sweep(2);
        SampleSplit split = result.split();

        // One day: no midnight inside, so the cut is mid-day, at 16:48 for 30 % (kline 1009).
        assertThat(split.onDayBoundary()).isFalse();
        assertThat(split.inSampleSize()).isEqualTo(1008);
        assertThat(result.ranked()).hasSize(6);
        for (Outcome outcome : result.ranked()) {
            Summary alone = Summary.of(new Backtest(List.of(bot(outcome.combination())), SETTINGS)
                    .run(split.inSample()).getFirst());
            assertThat(outcome.inSample()).as("combination %s", outcome.combination().describe()).isEqualTo(alone);
        }
        List<BigDecimal> pnl = result.ranked().stream().map(o -> o.inSample().netPnl()).toList();
        assertThat(pnl).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(result.ranked()).extracting(Outcome::rank).containsExactly(1, 2, 3, 4, 5, 6);

        List<Outcome> top = result.top();
        assertThat(top).hasSize(3).allSatisfy(outcome -> assertThat(outcome.outOfSample()).isPresent());
        assertThat(result.ranked().subList(3, 6)).allSatisfy(outcome -> assertThat(outcome.outOfSample()).isEmpty());
        assertThat(top).extracting(o -> o.outOfSampleRank().getAsInt()).containsExactlyInAnyOrder(1, 2, 3);
        Outcome best = result.best();
        Summary outAlone = Summary.of(new Backtest(List.of(bot(best.combination())), SETTINGS)
                .run(split.outOfSample().orElseThrow()).getFirst());
        assertThat(best.outOfSample()).isEqualTo(Optional.of(outAlone));
        assertThat(outAlone.from()).isEqualTo(split.cut());
    }

    @Test
    void progressCountsEveryRunsKlines() {
        StringWriter err = new StringWriter();
        SweepProgress progress = new SweepProgress(new PrintWriter(err), () -> 0L, true);

        sweepWith(2, progress);

        // 6 runs on the 1008 in-sample klines, 3 on the 432 out-of-sample ones; the clock never moves, so no line.
        assertThat(progress.done()).startsWith("sweep: 9 runs, " + (6 * 1008 + 3 * 432) + " klines in ");
        assertThat(err.toString()).isEmpty();
    }

    private static SweepResult sweep(int threads) {
        return sweepWith(threads, new SweepProgress(new PrintWriter(new StringWriter()), System::nanoTime, false));
    }

    private static SweepResult sweepWith(int threads, SweepProgress progress) {
        // sma-crossover refuses fast=5 slow=5, fast=8 slow=5 and fast=8 slow=8 (fast must be below slow): 6 of 9 run.
        Combinations combinations = Combinations.of("sma-crossover", Map.of("confirmationCandles", "1"),
                Grid.parse(List.of("fast=3,5,8", "slow=5,8,13"), 100));
        assertThat(combinations.refused()).hasSize(3);
        Sweep.Plan plan = new Sweep.Plan(combinations, SweepTest::bot, SETTINGS,
                Measure.NET_PNL, 3, threads);
        return Sweep.run(plan, SampleSplit.of(day, new BigDecimal("0.3")), progress);
    }

    private static BotDefinition bot(Combination combination) {
        return SweepFixtures.bot("sma-crossover", combination.params());
    }
}
