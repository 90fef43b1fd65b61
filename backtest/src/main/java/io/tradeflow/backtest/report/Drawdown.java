package io.tradeflow.backtest.report;

import io.tradeflow.backtest.EquityPoint;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The drawdown of a bot's equity curve (its equity points, open positions marked to each kline's close), not of its
 * closed trades' PnL as {@code io.tradeflow.core.position.Statistics#maxDrawdown} is.
 *
 * <p>The curve starts at the starting balance, the first peak. At each point the drawdown is {@code peak - equity},
 * {@code peak} the highest equity so far; its fraction is {@code (peak - equity) / peak}, 8 places HALF_EVEN (0.05 =
 * 5 % below the peak), counted only while the peak is above 0. The two maxima are taken separately: the largest drop
 * in money and the largest drop relative to its peak may be two different drops.
 *
 * @param max         the largest drawdown, in the margin asset, {@code >= 0}; exact (a subtraction)
 * @param maxFraction the largest drawdown as a fraction of its peak; empty when no peak was above 0
 * @param curve       the drawdown at each point, in the points' order, {@code >= 0}
 */
record Drawdown(BigDecimal max, Optional<BigDecimal> maxFraction, List<BigDecimal> curve) {

    static final int FRACTION_SCALE = 8;

    Drawdown {
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(maxFraction, "maxFraction");
        curve = List.copyOf(curve);
    }

    static Drawdown of(BigDecimal start, List<EquityPoint> points) {
        BigDecimal peak = Objects.requireNonNull(start, "start");
        BigDecimal max = BigDecimal.ZERO;
        BigDecimal maxFraction = null;
        List<BigDecimal> curve = new ArrayList<>(points.size());
        for (EquityPoint point : points) {
            peak = peak.max(point.equity());
            BigDecimal drawdown = peak.subtract(point.equity());
            curve.add(drawdown);
            max = max.max(drawdown);
            if (peak.signum() > 0) {
                BigDecimal fraction = drawdown.divide(peak, FRACTION_SCALE, RoundingMode.HALF_EVEN);
                maxFraction = maxFraction == null ? fraction : maxFraction.max(fraction);
            }
        }
        if (maxFraction == null && start.signum() > 0) {
            // No point at all: the curve is its starting balance, never below it.
            maxFraction = BigDecimal.ZERO.setScale(FRACTION_SCALE);
        }
        return new Drawdown(max, Optional.ofNullable(maxFraction), curve);
    }
}
