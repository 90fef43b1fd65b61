package io.tradeflow.core.position;

import static io.tradeflow.core.position.Fixtures.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Win rate, profit factor, expectancy, drawdown and average R over closed positions, worked by hand. */
class StatisticsTest {

    /** Adds closed positions of these net results, each with a fee of 1 and no R. */
    private static Statistics of(String... nets) {
        Statistics statistics = Statistics.NONE;
        for (String net : nets) {
            statistics = statistics.add(dec(net), BigDecimal.ONE, null);
        }
        return statistics;
    }

    @Test
    void nothingClosedHasNoRatios() {
        Statistics none = Statistics.NONE;

        assertThat(none.positions()).isZero();
        assertThat(none.winRate()).isEmpty();
        assertThat(none.profitFactor()).isEmpty();
        assertThat(none.expectancy()).isEmpty();
        assertThat(none.averageR()).isEmpty();
        assertThat(none.netPnl()).isEqualByComparingTo("0");
        assertThat(none.drawdown()).isEqualByComparingTo("0");
        assertThat(none.maxDrawdown()).isEqualByComparingTo("0");
    }

    @Test
    void sixClosedPositionsWorkedByHand() {
        // net results +10, -4, +6, -8, 0, +3
        // equity curve:  10,  6, 12,  4, 4, 7
        // peak so far:   10, 10, 12, 12, 12, 12
        // drawdown:       0,  4,  0,  8, 8, 5   -> max 8, now 5
        Statistics statistics = of("10", "-4", "6", "-8", "0", "3");

        assertThat(statistics.positions()).isEqualTo(6);
        assertThat(statistics.wins()).isEqualTo(3); // 10, 6, 3
        assertThat(statistics.losses()).isEqualTo(2); // -4, -8; the 0 is neither
        assertThat(statistics.winRate()).hasValueSatisfying(rate -> {
            assertThat(rate).isEqualByComparingTo("0.5");
            assertThat(rate.toPlainString()).isEqualTo("0.5000"); // 3 / 6, 4 places
        });
        assertThat(statistics.grossProfit()).isEqualByComparingTo("19"); // 10 + 6 + 3
        assertThat(statistics.grossLoss()).isEqualByComparingTo("12"); // 4 + 8
        assertThat(statistics.netPnl()).isEqualByComparingTo("7");
        assertThat(statistics.fees()).isEqualByComparingTo("6");
        // 19 / 12 = 1.583333...
        assertThat(statistics.profitFactor()).hasValueSatisfying(factor -> {
            assertThat(factor).isEqualByComparingTo("1.58333333");
            assertThat(factor.toPlainString()).isEqualTo("1.58333333");
        });
        // 7 / 6 = 1.1666...; the same as 0.5 x 19/3 - (2/6) x 12/2 = 3.1666... - 2
        assertThat(statistics.expectancy()).hasValueSatisfying(expectancy -> {
            assertThat(expectancy).isEqualByComparingTo("1.16666667");
            assertThat(expectancy.toPlainString()).isEqualTo("1.16666667");
        });
        assertThat(statistics.peak()).isEqualByComparingTo("12");
        assertThat(statistics.maxDrawdown()).isEqualByComparingTo("8");
        assertThat(statistics.drawdown()).isEqualByComparingTo("5");
        assertThat(statistics.averageR()).isEmpty(); // no R given
    }

    @Test
    void averageRCountsOnlyThePositionsWithAKnownStop() {
        Statistics statistics = Statistics.NONE
                .add(dec("10"), BigDecimal.ONE, dec("2.0"))
                .add(dec("-4"), BigDecimal.ONE, dec("-1.0"))
                .add(dec("6"), BigDecimal.ONE, dec("1.2"))
                .add(dec("-8"), BigDecimal.ONE, null)
                .add(dec("0"), BigDecimal.ONE, null);

        assertThat(statistics.positions()).isEqualTo(5);
        assertThat(statistics.rCount()).isEqualTo(3);
        assertThat(statistics.rTotal()).isEqualByComparingTo("2.2");
        // (2.0 - 1.0 + 1.2) / 3 = 0.7333...
        assertThat(statistics.averageR())
                .hasValueSatisfying(r -> assertThat(r.toPlainString()).isEqualTo("0.73333333"));
    }

    @Test
    void aFirstLossIsADrawdownFromZero() {
        Statistics lost = of("-5");

        assertThat(lost.peak()).isEqualByComparingTo("0");
        assertThat(lost.netPnl()).isEqualByComparingTo("-5");
        assertThat(lost.drawdown()).isEqualByComparingTo("5");
        assertThat(lost.maxDrawdown()).isEqualByComparingTo("5");
        assertThat(lost.profitFactor()).hasValueSatisfying(factor -> assertThat(factor).isEqualByComparingTo("0"));
        assertThat(lost.winRate()).hasValueSatisfying(rate -> assertThat(rate.toPlainString()).isEqualTo("0.0000"));

        // recovering part of it: the drawdown shrinks, the worst one stays
        Statistics recovering = lost.add(dec("2"), BigDecimal.ONE, null);
        assertThat(recovering.drawdown()).isEqualByComparingTo("3");
        assertThat(recovering.maxDrawdown()).isEqualByComparingTo("5");
    }

    @Test
    void onlyWinsHaveNoProfitFactorAndNoDrawdown() {
        Statistics wins = of("3", "4.5");

        assertThat(wins.profitFactor()).isEmpty();
        assertThat(wins.peak()).isEqualByComparingTo("7.5");
        assertThat(wins.maxDrawdown()).isEqualByComparingTo("0");
        assertThat(wins.drawdown()).isEqualByComparingTo("0");
        assertThat(wins.winRate()).hasValueSatisfying(rate -> assertThat(rate.toPlainString()).isEqualTo("1.0000"));
        assertThat(wins.expectancy()).hasValueSatisfying(e -> assertThat(e.toPlainString()).isEqualTo("3.75000000"));
    }

    @Test
    void winRateIsRoundedHalfEvenToFourPlaces() {
        // 2 / 3 = 0.66666... -> 0.6667; 1 / 3 -> 0.3333
        assertThat(of("1", "1", "-1").winRate()).hasValueSatisfying(rate ->
                assertThat(rate.toPlainString()).isEqualTo("0.6667"));
        assertThat(of("1", "-1", "-1").winRate()).hasValueSatisfying(rate ->
                assertThat(rate.toPlainString()).isEqualTo("0.3333"));
    }

    @Test
    void inconsistentCountsAreRefused() {
        assertThatThrownBy(() -> new Statistics(1, 1, 1, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inconsistent counts");
    }
}
