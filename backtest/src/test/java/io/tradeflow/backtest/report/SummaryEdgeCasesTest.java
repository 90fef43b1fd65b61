package io.tradeflow.backtest.report;

import io.tradeflow.backtest.BotRun;
import io.tradeflow.backtest.EquityPoint;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.position.Contract;
import io.tradeflow.core.position.Position;
import io.tradeflow.core.position.TrackedPosition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tradeflow.backtest.report.CraftedRun.D1;
import static io.tradeflow.backtest.report.CraftedRun.DAY;
import static io.tradeflow.backtest.report.CraftedRun.HOUR;
import static io.tradeflow.backtest.report.CraftedRun.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** What cannot be computed is empty (shown "n/a", written null), never NaN, infinite or a division by zero. */
class SummaryEdgeCasesTest {

    @Test
    void aRunWithoutTradesOrPointsHasNothingToDivideBy() {
        Summary s = Summary.of(run("1000.00", List.of(), List.of()));
        assertThat(s.netPnl()).isEqualByComparingTo("0");
        assertThat(s.trades()).isZero();
        assertThat(s.winRate()).isEmpty();
        assertThat(s.profitFactor()).isEmpty();
        assertThat(s.expectancy()).isEmpty();
        assertThat(s.averageR()).isEmpty();
        assertThat(s.averageHoldingTime()).isEmpty();
        assertThat(s.exposure()).isEmpty();
        assertThat(s.sharpe()).isEmpty();
        assertThat(s.sortino()).isEmpty();
        assertThat(s.days()).isZero();
        // the curve is its starting balance: no drop, return 0
        assertThat(s.endEquity()).isEqualByComparingTo("1000.00");
        assertThat(s.maxDrawdown()).isEqualByComparingTo("0");
        assertThat(s.maxDrawdownFraction()).contains(dec("0E-8"));
        assertThat(s.netReturn()).contains(dec("0E-8"));
        assertThat(s.equityReturn()).contains(dec("0E-8"));
    }

    @Test
    void oneDayGivesOneDailyReturnAndNoRatio() {
        // 4 points in 2024-01-01: one day, one return (1020.00 / 1000.00 - 1 = 0.02): no deviation to divide by
        Summary s = Summary.of(run("1000.00", List.of(), List.of(point(D1 + 6 * HOUR - 1, "990.00", true),
                point(D1 + 12 * HOUR - 1, "1010.00", true), point(D1 + 18 * HOUR - 1, "1000.00", false),
                point(D1 + DAY - 1, "1020.00", false))));
        assertThat(s.days()).isEqualTo(1);
        assertThat(s.sharpe()).isEmpty();
        assertThat(s.sortino()).isEmpty();
        // exposure 2 / 4; drawdown 10.00 from 1000.00 (0.01), then 10.00 from 1010.00 (0.00990099)
        assertThat(s.exposure()).contains(dec("0.5000"));
        assertThat(s.maxDrawdown()).isEqualByComparingTo("10.00");
        assertThat(s.maxDrawdownFraction()).contains(dec("0.01000000"));
    }

    @Test
    void equalDailyReturnsHaveNoDeviationSoNoRatio() {
        // 1100.00, 1210.00, 1331.00 from 1000.00: +0.1 each day exactly; sd 0 and no day below 0
        Summary s = Summary.of(run("1000.00", List.of(), days("1100.00", "1210.00", "1331.00")));
        assertThat(s.days()).isEqualTo(3);
        assertThat(s.sharpe()).isEmpty();
        assertThat(s.sortino()).isEmpty();
    }

    @Test
    void withoutALosingDaySortinoIsEmptyButSharpeIsNot() {
        // r = 0.1, 0, 0.1: mean 0.2 / 3; deviations 0.1/3, -0.2/3, 0.1/3; sample var = (0.06 / 9) / 2 = 0.01 / 3
        // Sharpe = (0.2 / 3) / sqrt(0.01 / 3) x sqrt(365) = sqrt(0.04 / 9 x 3 / 0.01 x 365) = sqrt(4 / 3 x 365)
        Summary s = Summary.of(run("1000.00", List.of(), days("1100.00", "1100.00", "1210.00")));
        assertThat(s.sharpe().getAsDouble()).isCloseTo(Math.sqrt(4.0 / 3 * 365), within(1e-12));
        assertThat(s.sortino()).isEmpty();
    }

    @Test
    void aDayWithoutPointsIsSkippedNotCountedAsZero() {
        // points on 01-01 (1100.00) and 01-03 (1045.00), none on 01-02: returns 0.10 and -0.05, two days
        // mean 0.025; sample var = (0.075^2 + 0.075^2) / 1 = 0.01125; Sharpe = 0.025 / sqrt(0.01125) x sqrt(365)
        // downside = sqrt(0.0025 / 2); Sortino = 0.025 / sqrt(0.00125) x sqrt(365)
        Summary s = Summary.of(run("1000.00", List.of(), List.of(point(D1 + DAY - 1, "1100.00", false),
                point(D1 + 3 * DAY - 1, "1045.00", false))));
        assertThat(s.days()).isEqualTo(2);
        assertThat(s.sharpe().getAsDouble()).isCloseTo(0.025 / Math.sqrt(0.01125) * Math.sqrt(365), within(1e-12));
        assertThat(s.sortino().getAsDouble()).isCloseTo(0.025 / Math.sqrt(0.00125) * Math.sqrt(365), within(1e-12));
    }

    @Test
    void noLossMeansNoProfitFactor() {
        Summary s = Summary.of(run("1000.00", List.of(CraftedRun.trades("rsi-btc").getFirst()), List.of()));
        assertThat(s.profitFactor()).isEmpty();
        assertThat(s.winRate()).contains(dec("1.0000"));
    }

    @Test
    void aStartingBalanceOfZeroGivesNoReturnAndNoRatio() {
        Summary s = Summary.of(run("0", List.of(), days("100.00", "90.00", "120.00")));
        assertThat(s.netReturn()).isEmpty();
        assertThat(s.equityReturn()).isEmpty();
        assertThat(s.sharpe()).isEmpty();
        assertThat(s.sortino()).isEmpty();
        // peaks 100.00, then drop 10.00 = 0.1 of it
        assertThat(s.maxDrawdownFraction()).contains(dec("0.10000000"));
    }

    @Test
    void equityPointsOutOfOrderAreRefused() {
        BotRun run = run("1000.00", List.of(), List.of(point(D1 + DAY, "1000.00", false),
                point(D1, "1000.00", false)));
        assertThatThrownBy(() -> Summary.of(run)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time order");
    }

    @Test
    void aTradeInAnotherMarginAssetIsRefused() {
        Position btc = new Position(CraftedRun.BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDC", Direction.LONG,
                BigDecimal.ZERO, dec("40000"), dec("1"), Map.of(), dec("0.001"), dec("41000"), D1, D1 + HOUR);
        TrackedPosition usdc = new TrackedPosition("pos-x", "rsi-btc", Venue.PAPER, null, 2, btc, BigDecimal.ZERO,
                Map.of(), null, CloseReason.MANUAL, D1 + HOUR);
        assertThatThrownBy(() -> Summary.of(run("1000.00", List.of(usdc), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("USDC");
    }

    static BotRun run(String start, List<TrackedPosition> trades, List<EquityPoint> equity) {
        return new BotRun(CraftedRun.bot("rsi-btc"), dec(start), "USDT", List.of(), trades, equity, D1,
                D1 + 3 * DAY - 1);
    }

    /** One point at the last millisecond of each day from 2024-01-01, with these equities. */
    static List<EquityPoint> days(String... equities) {
        List<EquityPoint> points = new ArrayList<>();
        for (int i = 0; i < equities.length; i++) {
            points.add(point(D1 + (i + 1) * DAY - 1, equities[i], false));
        }
        return points;
    }

    static EquityPoint point(long time, String equity, boolean inMarket) {
        return new EquityPoint(time, dec(equity), inMarket);
    }
}
