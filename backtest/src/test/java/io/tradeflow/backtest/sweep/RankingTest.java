package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.report.Summary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tradeflow.backtest.sweep.SweepFixtures.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ranking: better first, empty measures last, lower first for the drawdown, ties by combination number. */
class RankingTest {

    /** A summary under a number, the ranking's tie-break. */
    private record Item(int number, Summary summary) {
    }

    @Test
    void higherIsBetterAndTiesKeepTheGridOrder() {
        List<Item> items = List.of(new Item(1, summary("-5", null, null)), new Item(2, summary("12.5", null, null)),
                new Item(3, summary("12.50", null, null)), new Item(4, summary("0", null, null)));

        assertThat(rank(items, Measure.NET_PNL)).containsExactly(2, 3, 4, 1);
    }

    @Test
    void anEmptyMeasureRanksAfterEveryValueEvenANegativeOne() {
        List<Item> items = List.of(new Item(1, summary("0", null, null)), new Item(2, summary("0", -1.5, null)),
                new Item(3, summary("0", null, null)), new Item(4, summary("0", 2.25, null)));

        assertThat(rank(items, Measure.SHARPE)).containsExactly(4, 2, 1, 3);
    }

    @Test
    void theDrawdownRanksTheLowestFirstAndAnEmptyOneStillLast() {
        List<Item> items = List.of(new Item(1, summary("0", null, "0.2")), new Item(2, summary("0", null, null)),
                new Item(3, summary("0", null, "0.05")), new Item(4, summary("0", null, "0")));

        assertThat(Measure.MAX_DRAWDOWN.lowerIsBetter()).isTrue();
        assertThat(rank(items, Measure.MAX_DRAWDOWN)).containsExactly(4, 3, 1, 2);
    }

    @Test
    void everyMeasureHasItsOptionNameAndSummaryField() {
        assertThat(Measure.names()).isEqualTo("net-pnl, return, sharpe, sortino, profit-factor, expectancy, win-rate, "
                + "max-drawdown, trades");
        assertThat(Measure.of("profit-factor")).isEqualTo(Measure.PROFIT_FACTOR);
        assertThat(Measure.PROFIT_FACTOR.field()).isEqualTo("profitFactor");
        assertThat(Measure.RETURN.field()).isEqualTo("equityReturn");
        assertThat(Measure.SHARPE.text(summary("0", 1.234567, null))).isEqualTo("1.2346");
        assertThat(Measure.SHARPE.text(summary("0", null, null))).isNull();
        assertThatThrownBy(() -> Measure.of("pnl")).isInstanceOf(InvalidSweepException.class)
                .hasMessage("--rank-by pnl: unknown measure; known: net-pnl, return, sharpe, sortino, profit-factor, "
                        + "expectancy, win-rate, max-drawdown, trades (max-drawdown ranks the lowest first)");
    }

    private static List<Integer> rank(List<Item> items, Measure measure) {
        return Ranking.bestFirst(items, measure, Item::summary, Item::number).stream().map(Item::number).toList();
    }
}
