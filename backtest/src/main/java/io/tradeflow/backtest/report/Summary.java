package io.tradeflow.backtest.report;

import io.tradeflow.backtest.BotRun;
import io.tradeflow.backtest.EquityPoint;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.position.Position;
import io.tradeflow.core.position.Statistics;
import io.tradeflow.core.position.TrackedPosition;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How one bot did over a backtest: what the report's summary shows. Every definition, with its units, is also in
 * {@code backtest/README.md}, section Report.
 *
 * <p>The closed trades' measures are trading-core's {@link Statistics}, folded over {@link BotRun#trades()} in the
 * order they closed, exactly as position-service folds them for the dashboard: net PnL after the fees known in the
 * margin asset, a win above 0 and a loss below 0, win rate (4 places), profit factor, expectancy and average R (8
 * places, HALF_EVEN). The measures on the equity curve ({@link BotRun#equity()}) are computed here: return, drawdown
 * ({@link Drawdown}), Sharpe and Sortino on daily returns ({@link DailyReturns}), exposure.
 *
 * <p>Money is in {@link #marginAsset}, exact where it is a sum or a difference; a fraction (0.05 = 5 %) that needs a
 * division is rounded once, HALF_EVEN: returns and drawdown to 8 places, exposure to 4 (as the win rate). Sharpe and
 * Sortino are doubles. A measure that cannot be computed (no trade, no loss, one day, no variation) is empty, never
 * NaN or infinite: the report shows "n/a", the JSON null.
 *
 * @param from                open time of the run's first kline, epoch ms
 * @param to                  close time of its last kline, epoch ms
 * @param endEquity           the last equity point's equity (an open position marked to the last close), or the
 *                            starting balance when there is none
 * @param statistics          the closed trades' statistics (trading-core)
 * @param netReturn           {@code netPnl / startingBalance}, 8 places; empty when the starting balance is not
 *                            positive
 * @param equityReturn        {@code (endEquity - startingBalance) / startingBalance}, 8 places; empty likewise
 * @param maxDrawdown         the largest drop of the equity curve below its peak, in the margin asset ({@link Drawdown})
 * @param maxDrawdownFraction the largest drop as a fraction of its peak, 8 places ({@link Drawdown})
 * @param days                UTC days with an equity point: the number of daily returns
 * @param sharpe              annualised Sharpe ratio of the daily returns ({@link DailyReturns#sharpe()})
 * @param sortino             annualised Sortino ratio of the daily returns ({@link DailyReturns#sortino()})
 * @param exposure            equity points with a position open / all equity points, 4 places; empty without points
 * @param averageHoldingTime  mean of {@code closedAt - openedAt} over the closed trades, rounded to the millisecond
 *                            HALF_EVEN; empty without a trade
 */
public record Summary(BotDefinition bot, String marginAsset, long from, long to, BigDecimal startingBalance,
                      BigDecimal endEquity, Statistics statistics, Optional<BigDecimal> netReturn,
                      Optional<BigDecimal> equityReturn, BigDecimal maxDrawdown,
                      Optional<BigDecimal> maxDrawdownFraction, int days, OptionalDouble sharpe,
                      OptionalDouble sortino, Optional<BigDecimal> exposure, Optional<Duration> averageHoldingTime) {

    /** Decimal places of a return. */
    static final int RETURN_SCALE = 8;
    /** Decimal places of the exposure, as of the win rate. */
    static final int EXPOSURE_SCALE = 4;

    public Summary {
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(marginAsset, "marginAsset");
        Objects.requireNonNull(startingBalance, "startingBalance");
        Objects.requireNonNull(endEquity, "endEquity");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(maxDrawdown, "maxDrawdown");
    }

    /**
     * The summary of one bot's run.
     *
     * @throws IllegalArgumentException when a trade is still open or in another margin asset than the run, or when
     *                                  the equity points are not in time order
     */
    public static Summary of(BotRun run) {
        Statistics statistics = Statistics.NONE;
        long held = 0;
        for (TrackedPosition trade : run.trades()) {
            if (!trade.position().marginAsset().equals(run.marginAsset())) {
                throw new IllegalArgumentException("trade " + trade.positionId() + " is in "
                        + trade.position().marginAsset() + ", the run in " + run.marginAsset()
                        + "; a summary adds up one margin asset");
            }
            statistics = statistics.add(trade);
            held += holdingTime(trade).toMillis();
        }
        List<EquityPoint> equity = run.equity();
        BigDecimal start = run.startingBalance();
        BigDecimal end = equity.isEmpty() ? start : equity.getLast().equity();
        Drawdown drawdown = Drawdown.of(start, equity);
        DailyReturns daily = DailyReturns.of(start, equity);
        long inMarket = equity.stream().filter(EquityPoint::inMarket).count();
        return new Summary(run.bot(), run.marginAsset(), run.firstOpenTime(), run.lastCloseTime(), start, end,
                statistics, ratio(statistics.netPnl(), start), ratio(end.subtract(start), start), drawdown.max(),
                drawdown.maxFraction(), daily.days(), daily.sharpe(), daily.sortino(),
                equity.isEmpty() ? Optional.empty() : Optional.of(BigDecimal.valueOf(inMarket)
                        .divide(BigDecimal.valueOf(equity.size()), EXPOSURE_SCALE, RoundingMode.HALF_EVEN)),
                run.trades().isEmpty() ? Optional.empty() : Optional.of(Duration.ofMillis(BigDecimal.valueOf(held)
                        .divide(BigDecimal.valueOf(run.trades().size()), 0, RoundingMode.HALF_EVEN).longValueExact())));
    }

    /** How long a closed trade was held: its position's {@code closedAt - openedAt}. */
    static Duration holdingTime(TrackedPosition trade) {
        Position position = trade.position();
        if (position.isOpen()) {
            throw new IllegalArgumentException("trade " + trade.positionId() + " is still open; trades are closed"
                    + " positions");
        }
        return Duration.ofMillis(position.closedAt() - position.openedAt());
    }

    /** Sum of the closed trades' net PnL (fees known in the margin asset included), in the margin asset. */
    public BigDecimal netPnl() {
        return statistics.netPnl();
    }

    /** Closed trades. */
    public long trades() {
        return statistics.positions();
    }

    /** wins / trades, 4 places; empty without a trade. */
    public Optional<BigDecimal> winRate() {
        return statistics.winRate();
    }

    /** Sum of wins / sum of losses (absolute), 8 places; empty without a loss. */
    public Optional<BigDecimal> profitFactor() {
        return statistics.profitFactor();
    }

    /** Net PnL / trades, in the margin asset, 8 places; empty without a trade. */
    public Optional<BigDecimal> expectancy() {
        return statistics.expectancy();
    }

    /** Mean R multiple of the trades with a known initial stop, 8 places; empty when none has one. */
    public Optional<BigDecimal> averageR() {
        return statistics.averageR();
    }

    private static Optional<BigDecimal> ratio(BigDecimal amount, BigDecimal start) {
        return start.signum() <= 0 ? Optional.empty()
                : Optional.of(amount.divide(start, RETURN_SCALE, RoundingMode.HALF_EVEN));
    }
}
