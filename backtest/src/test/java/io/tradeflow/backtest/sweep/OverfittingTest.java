package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.LoadedKlines;
import io.tradeflow.backtest.exchange.ExchangeInfoFile;
import io.tradeflow.backtest.BacktestSettings;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.execution.PaperSettings;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static io.tradeflow.backtest.sweep.SweepFixtures.JAN_1;
import static io.tradeflow.backtest.sweep.SweepFixtures.klines;
import static io.tradeflow.backtest.sweep.SweepFixtures.summary;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overfitting rule on crafted results: the best in-sample combination lost money out of sample while it made money
 * in sample, or it is last of the top N (N at least 3) out of sample; and the flag in the table and the files.
 */
class OverfittingTest {

    @Test
    void aGainInSampleThatTurnsIntoALossOutOfSampleWarns() {
        List<Outcome> ranked = List.of(outcome(5, 1, "100", "-50", 1), outcome(10, 2, "80", "-60", 2),
                outcome(20, 3, "60", "-70", 3));

        assertThat(Overfitting.judge(ranked, Measure.NET_PNL).reasons()).containsExactly(
                "the best in-sample combination (fast=5) made 100 USDT in sample but lost 50 USDT out of sample");
    }

    @Test
    void theBestInSampleLastOutOfSampleAmongTheTopThreeWarns() {
        List<Outcome> ranked = List.of(outcome(5, 1, "100", "10", 3), outcome(10, 2, "80", "30", 1),
                outcome(20, 3, "60", "20", 2));

        assertThat(Overfitting.judge(ranked, Measure.NET_PNL).reasons()).containsExactly(
                "the best in-sample combination (fast=5) is the last of the top 3 out of sample by net-pnl");
    }

    @Test
    void bothRulesGiveBothReasons() {
        List<Outcome> ranked = List.of(outcome(5, 1, "100", "-40", 3), outcome(10, 2, "80", "30", 1),
                outcome(20, 3, "60", "20", 2));

        assertThat(Overfitting.judge(ranked, Measure.NET_PNL).reasons()).hasSize(2);
    }

    @Test
    void aBestThatHoldsUpOrAComparisonOfTwoDoesNotWarn() {
        assertThat(Overfitting.judge(List.of(outcome(5, 1, "100", "20", 1), outcome(10, 2, "80", "10", 2),
                outcome(20, 3, "60", "5", 3)), Measure.NET_PNL).warned()).isFalse();
        // Last of two says little: no warning.
        assertThat(Overfitting.judge(List.of(outcome(5, 1, "100", "5", 2), outcome(10, 2, "80", "10", 1)),
                Measure.NET_PNL).warned()).isFalse();
        // A loss in sample that stays a loss is not a gain that did not hold.
        assertThat(Overfitting.judge(List.of(outcome(5, 1, "-10", "-20", 1)), Measure.NET_PNL).warned()).isFalse();
    }

    @Test
    void withoutASplitThereIsNothingToJudge() {
        Outcome alone = new Outcome(combination(1, 5), summary("100", null, null), 1, Optional.empty(),
                OptionalInt.empty());

        assertThat(Overfitting.judge(List.of(alone), Measure.NET_PNL).warned()).isFalse();
    }

    @Test
    void theWarningFlagsTheBestRowOfTheTableAndTheFiles() {
        List<Outcome> ranked = new ArrayList<>(List.of(outcome(5, 1, "100", "-50", 3), outcome(10, 2, "80", "30", 1),
                outcome(20, 3, "60", "20", 2)));
        ranked.add(new Outcome(combination(4, 40), summary("10", null, null), 4, Optional.empty(), OptionalInt.empty()));
        Combinations combinations = Combinations.of("sma-crossover", Map.of("slow", "50"),
                Grid.parse(List.of("fast=5,10,20,40"), 100));
        Sweep.Plan plan = new Sweep.Plan(combinations, c -> SweepFixtures.bot("sma-crossover", c.params()),
                BacktestSettings.of(PaperSettings.DEFAULTS, ExchangeInfoFile.builtIn().rules()), Measure.NET_PNL, 3, 1);
        SampleSplit split = SampleSplit.of(LoadedKlines.of(klines(Interval.ONE_HOUR, JAN_1, 72)), new BigDecimal("0.3"));

        SweepResult result = new SweepResult(plan, split, ranked, Overfitting.judge(ranked, Measure.NET_PNL));

        String table = SweepTable.of(result);
        assertThat(table.lines().toList().get(2)).endsWith("3/3  " + SweepTable.FLAG);
        assertThat(table.lines().filter(line -> line.contains(SweepTable.FLAG))).hasSize(1);
        assertThat(table.lines()).hasSize(5); // title, header, the top 3
        List<String> csv = SweepCsv.of(result).lines().toList();
        assertThat(csv.get(0)).endsWith(",outOfSampleRank,overfittingWarning");
        assertThat(csv.get(1)).startsWith("1,1,5,100,").endsWith(",1,3,true");
        assertThat(csv.get(2)).endsWith(",1,");
        assertThat(csv.get(4)).startsWith("4,4,40,10,").endsWith(",,,,,,,,,,,");
        assertThat(SweepJson.of(result)).contains("\"overfitting\" : {\n    \"warning\" : true,\n    \"reasons\" : [\n"
                + "      \"the best in-sample combination (fast=5) made 100 USDT in sample but lost 50 USDT out of "
                + "sample\",\n");
    }

    private static Outcome outcome(int fast, int rank, String inSample, String outOfSample, int outOfSampleRank) {
        return new Outcome(combination(rank, fast), summary(inSample, null, null), rank,
                Optional.of(summary(outOfSample, null, null)), OptionalInt.of(outOfSampleRank));
    }

    private static Combination combination(int number, int fast) {
        return new Combination(number, Map.of("fast", Integer.toString(fast)),
                Map.of("fast", Integer.toString(fast), "slow", "50"));
    }
}
