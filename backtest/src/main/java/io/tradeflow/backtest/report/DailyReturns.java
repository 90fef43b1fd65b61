package io.tradeflow.backtest.report;

import io.tradeflow.backtest.EquityPoint;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A bot's daily returns and the risk-adjusted ratios drawn from them.
 *
 * <p>A <b>day</b> is a UTC calendar day holding at least one equity point; its equity is the last point's. The return
 * of day {@code d} is {@code E(d) / E(d-1) - 1}, {@code E(d-1)} being the previous such day's equity, or the starting
 * balance for the first day (the run starts from it, mid-day or not). A day without any point (a gap in the data) is
 * not a zero-return day: it is skipped, as crypto futures trade every day and a gap is missing data.
 *
 * <p>Arithmetic in {@link BigDecimal} at 34 significant digits ({@link MathContext#DECIMAL128}), so that equal
 * returns give a standard deviation of exactly 0 (then: empty, never an infinite ratio); the ratios are then given as
 * {@code double}.
 *
 * <ul>
 * <li><b>Sharpe</b> = {@code mean(r) / sd(r) x sqrt(365)}: risk-free rate 0; {@code sd} the sample standard deviation
 * ({@code n - 1} in the denominator), as in W. F. Sharpe, "The Sharpe Ratio", Journal of Portfolio Management, 1994
 * (ex post ratio on the differential return, here with a zero benchmark).</li>
 * <li><b>Sortino</b> = {@code mean(r) / DD x sqrt(365)}, {@code DD = sqrt(sum(min(r, 0)^2) / n)} the downside deviation
 * below a target of 0 over all {@code n} days (days above target count as 0), as in F. A. Sortino and L. N. Price,
 * "Performance Measurement in a Downside Risk Framework", Journal of Investing, 1994.</li>
 * <li>Annualised with {@code sqrt(365)}, not {@code sqrt(252)}: crypto futures trade every calendar day.</li>
 * <li>Empty with fewer than 2 daily returns (a run within one UTC day), when the deviation is 0 (no variation; no day
 * below 0 for Sortino), or when a day's base equity is 0 or less (a return on it means nothing).</li>
 * </ul>
 *
 * @param returns one return per day, as fractions (0.1 = +10 %), oldest first; empty when a base equity was 0 or less
 * @param days    UTC days holding at least one equity point
 */
record DailyReturns(List<BigDecimal> returns, int days) {

    static final MathContext MATH = MathContext.DECIMAL128;
    /** Calendar days in a year: crypto trades every one of them. */
    static final int PERIODS_PER_YEAR = 365;
    private static final long DAY_MS = 86_400_000L;

    DailyReturns {
        returns = List.copyOf(returns);
    }

    /**
     * The daily returns of {@code points} (in time order) starting from {@code start}.
     *
     * @throws IllegalArgumentException when a point is older than the one before it
     */
    static DailyReturns of(BigDecimal start, List<EquityPoint> points) {
        Objects.requireNonNull(start, "start");
        List<BigDecimal> dayEnds = new ArrayList<>();
        long day = Long.MIN_VALUE;
        long time = Long.MIN_VALUE;
        for (EquityPoint point : points) {
            if (point.time() < time) {
                throw new IllegalArgumentException("equity point at " + point.time() + " comes after one at " + time
                        + "; the engine must give them in time order");
            }
            time = point.time();
            long pointDay = Math.floorDiv(point.time(), DAY_MS);
            if (pointDay != day) {
                dayEnds.add(point.equity());
                day = pointDay;
            } else {
                dayEnds.set(dayEnds.size() - 1, point.equity());
            }
        }
        List<BigDecimal> returns = new ArrayList<>();
        BigDecimal base = start;
        for (BigDecimal end : dayEnds) {
            if (base.signum() <= 0) {
                return new DailyReturns(List.of(), dayEnds.size());
            }
            returns.add(end.divide(base, MATH).subtract(BigDecimal.ONE, MATH));
            base = end;
        }
        return new DailyReturns(returns, dayEnds.size());
    }

    /** The annualised Sharpe ratio (see the type's documentation); empty with under 2 returns or no variation. */
    OptionalDouble sharpe() {
        int n = returns.size();
        if (n < 2) {
            return OptionalDouble.empty();
        }
        BigDecimal mean = mean();
        BigDecimal squares = BigDecimal.ZERO;
        for (BigDecimal r : returns) {
            BigDecimal deviation = r.subtract(mean, MATH);
            squares = squares.add(deviation.multiply(deviation, MATH), MATH);
        }
        BigDecimal sd = squares.divide(BigDecimal.valueOf(n - 1), MATH).sqrt(MATH);
        return ratio(mean, sd);
    }

    /** The annualised Sortino ratio (see the type's documentation); empty with under 2 returns or no day below 0. */
    OptionalDouble sortino() {
        int n = returns.size();
        if (n < 2) {
            return OptionalDouble.empty();
        }
        BigDecimal squares = BigDecimal.ZERO;
        for (BigDecimal r : returns) {
            if (r.signum() < 0) {
                squares = squares.add(r.multiply(r, MATH), MATH);
            }
        }
        BigDecimal downside = squares.divide(BigDecimal.valueOf(n), MATH).sqrt(MATH);
        return ratio(mean(), downside);
    }

    private BigDecimal mean() {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal r : returns) {
            sum = sum.add(r, MATH);
        }
        return sum.divide(BigDecimal.valueOf(returns.size()), MATH);
    }

    private static OptionalDouble ratio(BigDecimal mean, BigDecimal deviation) {
        if (deviation.signum() == 0) {
            return OptionalDouble.empty();
        }
        BigDecimal annualiser = BigDecimal.valueOf(PERIODS_PER_YEAR).sqrt(MATH);
        return OptionalDouble.of(mean.divide(deviation, MATH).multiply(annualiser, MATH).doubleValue());
    }
}
