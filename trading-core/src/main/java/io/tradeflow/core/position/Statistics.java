package io.tradeflow.core.position;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * How a bot (or several) did, over its closed positions, in one margin asset; built one closed position at a time, in
 * the order they closed. All amounts are net of the fees known in the margin asset
 * ({@link TrackedPosition#netRealizedPnl()}).
 *
 * <ul>
 * <li>A <b>win</b> is a position closed with net PnL above 0, a <b>loss</b> one below 0; a position closed at exactly 0
 * is neither (it still counts in {@link #positions}).</li>
 * <li>The <b>equity curve</b> is the running sum of net PnL, starting at 0; the <b>drawdown</b> at a point is how far
 * it is below its highest point so far (0 counts as the first peak); {@link #maxDrawdown} is the largest, as a positive
 * amount.</li>
 * <li><b>Profit factor</b> = gross profit / gross loss (sum of wins over the sum of losses' absolute values), empty
 * without a loss. <b>Expectancy</b> = net PnL / positions, the average net result per position (the same as win rate x
 * average win - loss rate x average loss). <b>Average R</b> = the mean {@link TrackedPosition#rMultiple()} over the
 * positions whose initial stop is known (Van Tharp's R multiple).</li>
 * <li>Ratios are divided once, at the end: win rate 4 places (0.6667), the others 8 places, HALF_EVEN.</li>
 * </ul>
 *
 * @param positions   closed positions counted
 * @param grossProfit sum of the wins' net PnL
 * @param grossLoss   sum of the losses' net PnL, as a positive amount
 * @param netPnl      sum of net PnL: the equity curve's last point
 * @param fees        sum of the fees known in the margin asset
 * @param peak        the equity curve's highest point so far, at least 0
 * @param maxDrawdown the largest drop from a peak, {@code >= 0}
 * @param rTotal      sum of the R multiples counted in {@code rCount}
 * @param rCount      closed positions with a known initial stop
 */
public record Statistics(long positions, long wins, long losses, BigDecimal grossProfit, BigDecimal grossLoss,
        BigDecimal netPnl, BigDecimal fees, BigDecimal peak, BigDecimal maxDrawdown, BigDecimal rTotal, long rCount) {

    /** Nothing closed yet. */
    public static final Statistics NONE = new Statistics(0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0);

    public Statistics {
        if (positions < 0 || wins < 0 || losses < 0 || rCount < 0 || wins + losses > positions || rCount > positions) {
            throw new IllegalArgumentException("inconsistent counts: positions " + positions + ", wins " + wins
                    + ", losses " + losses + ", with R " + rCount);
        }
        Decimals.requireNotNegative("grossProfit", grossProfit);
        Decimals.requireNotNegative("grossLoss", grossLoss);
        Objects.requireNonNull(netPnl, "netPnl");
        Objects.requireNonNull(fees, "fees");
        Decimals.requireNotNegative("peak", peak);
        Decimals.requireNotNegative("maxDrawdown", maxDrawdown);
        Objects.requireNonNull(rTotal, "rTotal");
    }

    /** These statistics with one more closed position. */
    public Statistics add(TrackedPosition closed) {
        if (closed.isOpen()) {
            throw new IllegalArgumentException("position " + closed.positionId() + " is still open");
        }
        return add(closed.netRealizedPnl(), closed.knownFees(), closed.rMultiple().orElse(null));
    }

    /** These statistics with one more closed position of net PnL {@code net}, {@code fees} and R (or null). */
    public Statistics add(BigDecimal net, BigDecimal positionFees, BigDecimal rMultiple) {
        BigDecimal equity = netPnl.add(net);
        BigDecimal newPeak = peak.max(equity);
        return new Statistics(positions + 1,
                wins + (net.signum() > 0 ? 1 : 0),
                losses + (net.signum() < 0 ? 1 : 0),
                net.signum() > 0 ? grossProfit.add(net) : grossProfit,
                net.signum() < 0 ? grossLoss.add(net.negate()) : grossLoss,
                equity, fees.add(positionFees), newPeak, maxDrawdown.max(newPeak.subtract(equity)),
                rMultiple == null ? rTotal : rTotal.add(rMultiple), rMultiple == null ? rCount : rCount + 1);
    }

    /** How far the equity curve is below its peak now, {@code >= 0}. */
    public BigDecimal drawdown() {
        return peak.subtract(netPnl);
    }

    /** wins / positions, 4 places; empty before the first close. */
    public Optional<BigDecimal> winRate() {
        return positions == 0 ? Optional.empty()
                : Optional.of(BigDecimal.valueOf(wins).divide(BigDecimal.valueOf(positions), 4, RoundingMode.HALF_EVEN));
    }

    /** grossProfit / grossLoss, 8 places; empty without a loss. */
    public Optional<BigDecimal> profitFactor() {
        return grossLoss.signum() == 0 ? Optional.empty() : Optional.of(Decimals.divide(grossProfit, grossLoss));
    }

    /** netPnl / positions, 8 places; empty before the first close. */
    public Optional<BigDecimal> expectancy() {
        return positions == 0 ? Optional.empty() : Optional.of(Decimals.divide(netPnl, BigDecimal.valueOf(positions)));
    }

    /** rTotal / rCount, 8 places; empty while no position has a known stop. */
    public Optional<BigDecimal> averageR() {
        return rCount == 0 ? Optional.empty() : Optional.of(Decimals.divide(rTotal, BigDecimal.valueOf(rCount)));
    }
}
