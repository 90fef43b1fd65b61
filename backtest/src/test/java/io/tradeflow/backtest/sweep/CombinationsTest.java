package io.tradeflow.backtest.sweep;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The grid checked with trading-core's parameter checks: a bad name or value stops the sweep, a combination refused as
 * a whole (sma-crossover's fast below slow) is skipped and counted.
 */
class CombinationsTest {
    private static final String SMA = "sma-crossover";

    @Test
    void theIssuesExampleSkipsTheOneCombinationWhereFastIsNotBelowSlow() {
        Combinations c = Combinations.of(SMA, Map.of(), grid("fast=5,10,20", "slow=20:60:10"));

        assertThat(c.total()).isEqualTo(15);
        assertThat(c.accepted()).hasSize(14);
        assertThat(c.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.combination().number()).isEqualTo(11);
            assertThat(refused.combination().grid()).isEqualTo(Map.of("fast", "20", "slow", "20"));
            assertThat(refused.reason()).isEqualTo("parameter 'fast' must be below 'slow' (20), not '20'");
        });
        assertThat(c.accepted().getFirst()).isEqualTo(new Combination(1, Map.of("fast", "5", "slow", "20"),
                Map.of("fast", "5", "slow", "20")));
    }

    @Test
    void fixedParametersComeFirstInEveryCombination() {
        Combinations c = Combinations.of(SMA, Map.of("riskReward", "3"), grid("fast=5,10", "slow=30"));

        assertThat(c.accepted()).extracting(Combination::params).containsExactly(
                Map.of("riskReward", "3", "fast", "5", "slow", "30"), Map.of("riskReward", "3", "fast", "10", "slow", "30"));
        assertThat(c.accepted().getFirst().params().keySet()).containsExactly("riskReward", "fast", "slow");
        assertThat(c.accepted().getFirst().describe()).isEqualTo("fast=5 slow=30");
    }

    @Test
    void aFixedValueIsJudgedAloneNotWithTheDefaultsOfTheGridsParameters() {
        // slow=10 with the default fast (21) is refused by --param alone; with the grid's fast values it is fine.
        Combinations c = Combinations.of(SMA, Map.of("slow", "10"), grid("fast=3,5"));

        assertThat(c.accepted()).hasSize(2);
        assertThat(c.refused()).isEmpty();
    }

    @Test
    void anUnknownGridParameterIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> Combinations.of(SMA, Map.of(), grid("fats=5,10")))
                .isInstanceOfSatisfying(InvalidSweepException.class,
                        e -> assertThat(e.strategyType()).contains(SMA))
                .hasMessage("--grid fats: unknown parameter 'fats' for strategy sma-crossover; known: fast, slow, "
                        + "confirmationCandles, minSignalIntervalMinutes, pivotLookback, slBufferPercent, riskReward, "
                        + "allowShort");
    }

    @Test
    void aValueTheStrategyRefusesOnItsOwnIsRefusedNamingIt() {
        assertThatThrownBy(() -> Combinations.of(SMA, Map.of(), grid("fast=5,1")))
                .isInstanceOf(InvalidSweepException.class)
                .hasMessage("--grid fast=1: parameter 'fast' must be from 2 to 1000, not '1'");
        assertThatThrownBy(() -> Combinations.of(SMA, Map.of(), grid("fast=5:6:0.5")))
                .isInstanceOf(InvalidSweepException.class)
                .hasMessage("--grid fast=5.5: parameter 'fast' must be a whole number from 2 to 1000, not '5.5'");
        assertThatThrownBy(() -> Combinations.of(SMA, Map.of(), grid("allowShort=true,maybe")))
                .isInstanceOf(InvalidSweepException.class)
                .hasMessage("--grid allowShort=maybe: parameter 'allowShort' must be true or false, not 'maybe'");
    }

    @Test
    void aDecimalParameterTakesADecimalRange() {
        Combinations c = Combinations.of(SMA, Map.of("fast", "5", "slow", "20"), grid("riskReward=0.5:2:0.5"));

        assertThat(c.accepted()).extracting(combination -> combination.grid().get("riskReward"))
                .containsExactly("0.5", "1", "1.5", "2");
    }

    @Test
    void aBadFixedParameterIsRefusedAsAParam() {
        assertThatThrownBy(() -> Combinations.of(SMA, Map.of("pivotLookback", "0"), grid("fast=5")))
                .isInstanceOf(InvalidSweepException.class)
                .hasMessage("--param pivotLookback=0: parameter 'pivotLookback' must be from 1 to 500, not '0'");
    }

    @Test
    void aParameterBothFixedAndInTheGridIsRefused() {
        assertThatThrownBy(() -> Combinations.of(SMA, Map.of("fast", "5"), grid("fast=5,10")))
                .isInstanceOf(InvalidSweepException.class)
                .hasMessage("--grid fast and --param fast: give it once, a list of values in --grid or one value in "
                        + "--param");
    }

    @Test
    void anUnknownStrategyIsRefused() {
        assertThatThrownBy(() -> Combinations.of("macd", Map.of(), grid("fast=5")))
                .isInstanceOfSatisfying(InvalidSweepException.class, e -> assertThat(e.strategyType()).isEmpty())
                .hasMessage("--strategy macd: unknown strategy 'macd'; known: sma-crossover, rsi-reversion");
    }

    @Test
    void aGridEveryCombinationOfWhichIsRefusedCannotRun() {
        assertThatThrownBy(() -> Combinations.of(SMA, Map.of("slow", "20"), grid("fast=20,30")))
                .isInstanceOf(InvalidSweepException.class)
                .hasMessage("--grid: sma-crossover refuses every one of the 2 combinations, e.g. fast=20: parameter "
                        + "'fast' must be below 'slow' (20), not '20'");
    }

    private static Grid grid(String... specs) {
        return Grid.parse(List.of(specs), 10_000);
    }
}
