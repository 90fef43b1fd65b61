package io.tradeflow.backtest.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.tradeflow.backtest.report.CraftedRun.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every measure of the summary on {@link CraftedRun}, worked out by hand (its table has the numbers). */
class SummaryTest {

    private final Summary summary = Summary.of(CraftedRun.run());

    @Test
    void netPnlIsTheSumOfTheTradesNetPnlAfterFees() {
        // A 102.00 - 2.00 = 100.00; B -50.00 - 5.00 = -55.00; C 97.00 - 2.50 = 94.50; D 3.00 - 3.00 = 0.00
        // 100.00 - 55.00 + 94.50 + 0.00 = 139.50; fees 2.00 + 5.00 + 2.50 + 3.00 = 12.50
        assertThat(summary.netPnl()).isEqualByComparingTo("139.50");
        assertThat(summary.statistics().fees()).isEqualByComparingTo("12.50");
        assertThat(summary.trades()).isEqualTo(4);
    }

    @Test
    void returnsAreOnTheStartingBalance() {
        // net: 139.50 / 1000.00 = 0.1395; equity: (1149.50 - 1000.00) / 1000.00 = 0.1495 (E's +10.00 unrealized)
        assertThat(summary.netReturn()).contains(dec("0.13950000"));
        assertThat(summary.equityReturn()).contains(dec("0.14950000"));
        assertThat(summary.endEquity()).isEqualByComparingTo("1149.50");
    }

    @Test
    void winRateCountsAZeroTradeAsNeitherWinNorLoss() {
        // wins A, C; loss B; D at 0.00 is neither: 2 / 4 = 0.5000
        assertThat(summary.statistics().wins()).isEqualTo(2);
        assertThat(summary.statistics().losses()).isEqualTo(1);
        assertThat(summary.winRate()).contains(dec("0.5000"));
    }

    @Test
    void profitFactorIsWinsOverLosses() {
        // (100.00 + 94.50) / 55.00 = 194.50 / 55.00 = 3.5363636... -> 3.53636364
        assertThat(summary.profitFactor()).contains(dec("3.53636364"));
    }

    @Test
    void expectancyIsNetPnlPerTrade() {
        // 139.50 / 4 = 34.875
        assertThat(summary.expectancy()).contains(dec("34.87500000"));
    }

    @Test
    void averageRCountsOnlyTradesWithAKnownStop() {
        // A: risk 0.100 x (40000.00 - 39500.00) = 50.00; R = 100.00 / 50.00 = 2; the others have no stop
        assertThat(summary.averageR()).contains(dec("2.00000000"));
    }

    @Test
    void maxDrawdownIsOnTheEquityCurveAbsoluteAndOfItsPeakSeparately() {
        // largest drop in money: 1100.00 - 1025.00 = 75.00 (that is 75 / 1100 = 0.0681818 of its peak);
        // largest drop of its peak: (1000.00 - 930.00) / 1000.00 = 0.07 (70.00 in money)
        assertThat(summary.maxDrawdown()).isEqualByComparingTo("75.00");
        assertThat(summary.maxDrawdownFraction()).contains(dec("0.07000000"));
        // ...whereas Statistics' own is on the closed trades' cumulative PnL: 100.00 -> 45.00, 55.00
        assertThat(summary.statistics().maxDrawdown()).isEqualByComparingTo("55.00");
    }

    @Test
    void sharpeAndSortinoAreOnDailyReturnsAnnualisedWithSqrt365() {
        // day ends 1100.00, 1045.00, 1149.50 from 1000.00: r = 0.10, -0.05, 0.10
        // mean = 0.15 / 3 = 0.05
        // sample variance = (0.05^2 + 0.10^2 + 0.05^2) / (3 - 1) = 0.015 / 2 = 0.0075
        // Sharpe = 0.05 / sqrt(0.0075) x sqrt(365) = sqrt(0.0025 / 0.0075 x 365) = sqrt(365 / 3) = 11.0302614...
        // downside deviation = sqrt((-0.05)^2 / 3) = sqrt(0.0025 / 3)
        // Sortino = 0.05 / sqrt(0.0025 / 3) x sqrt(365) = sqrt(3 x 365) = sqrt(1095) = 33.0907842...
        assertThat(summary.days()).isEqualTo(3);
        assertThat(summary.sharpe().getAsDouble()).isCloseTo(Math.sqrt(365.0 / 3), within(1e-12));
        assertThat(summary.sortino().getAsDouble()).isCloseTo(Math.sqrt(1095.0), within(1e-12));
    }

    @Test
    void exposureIsTheShareOfEquityPointsInTheMarket() {
        // in market at 7 of the 12 points: 7 / 12 = 0.58333 -> 0.5833
        assertThat(summary.exposure()).contains(dec("0.5833"));
    }

    @Test
    void averageHoldingTimeIsTheMeanOfClosedMinusOpened() {
        // 13 h + 10.5 h + 8 h + 6.5 h = 38 h; / 4 = 9.5 h
        assertThat(summary.averageHoldingTime()).isEqualTo(Optional.of(Duration.ofMinutes(9 * 60 + 30)));
    }

    @Test
    void theRunsSpanAndBalancesAreKept() {
        assertThat(summary.from()).isEqualTo(CraftedRun.D1);
        assertThat(summary.to()).isEqualTo(CraftedRun.D3 + CraftedRun.DAY - 1);
        assertThat(summary.startingBalance()).isEqualByComparingTo("1000.00");
        assertThat(summary.marginAsset()).isEqualTo("USDT");
    }
}
