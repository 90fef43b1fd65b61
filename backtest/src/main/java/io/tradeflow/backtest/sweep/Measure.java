package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.report.Summary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a sweep ranks by ({@code --rank-by}) and shows: measures of {@link Summary}, defined in backtest/README.md
 * (section Report, Measures) under their {@code summary.json} names. Higher is better but for {@link #MAX_DRAWDOWN}.
 */
public enum Measure {
    NET_PNL("net-pnl", "netPnl", false, s -> Optional.of(s.netPnl())),
    /** The equity curve's return: an open position marked at the last close counts. */
    RETURN("return", "equityReturn", false, Summary::equityReturn),
    SHARPE("sharpe", "sharpe", false, s -> ratio(s.sharpe())),
    SORTINO("sortino", "sortino", false, s -> ratio(s.sortino())),
    PROFIT_FACTOR("profit-factor", "profitFactor", false, Summary::profitFactor),
    EXPECTANCY("expectancy", "expectancy", false, Summary::expectancy),
    WIN_RATE("win-rate", "winRate", false, Summary::winRate),
    /** The largest drop of the equity curve as a fraction of its peak: lower is better. */
    MAX_DRAWDOWN("max-drawdown", "maxDrawdownFraction", true, Summary::maxDrawdownFraction),
    TRADES("trades", "trades", false, s -> Optional.of(BigDecimal.valueOf(s.trades())));

    /** Decimal places Sharpe and Sortino are written with, as in {@code summary.json}. */
    private static final int RATIO_SCALE = 4;

    private final String option;
    private final String field;
    private final boolean lowerIsBetter;
    private final Function<Summary, Optional<BigDecimal>> value;

    Measure(String option, String field, boolean lowerIsBetter, Function<Summary, Optional<BigDecimal>> value) {
        this.option = option;
        this.field = field;
        this.lowerIsBetter = lowerIsBetter;
        this.value = value;
    }

    /**
     * The measure named {@code name} in {@code --rank-by}.
     *
     * @throws InvalidSweepException naming the measures when there is none of that name
     */
    public static Measure of(String name) {
        return Arrays.stream(values()).filter(m -> m.option.equals(name.strip())).findFirst()
                .orElseThrow(() -> new InvalidSweepException("--rank-by " + name + ": unknown measure; known: "
                        + names() + " (max-drawdown ranks the lowest first)"));
    }

    /** {@code net-pnl, return, ...} */
    public static String names() {
        return Arrays.stream(values()).map(Measure::option).collect(Collectors.joining(", "));
    }

    /** Its name in {@code --rank-by}: {@code net-pnl}. */
    public String option() {
        return option;
    }

    /** Its name in {@code summary.json}, {@code sweep.csv} and {@code sweep.json}: {@code netPnl}. */
    public String field() {
        return field;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /** Its value in {@code summary}; empty when it cannot be computed (no trade, no loss, fewer than 2 days...). */
    public Optional<BigDecimal> of(Summary summary) {
        return value.apply(summary);
    }

    /** Its value as written: plain decimals, Sharpe and Sortino to 4 places; null when empty. */
    public String text(Summary summary) {
        return of(summary).map(v -> (this == SHARPE || this == SORTINO
                ? v.setScale(RATIO_SCALE, RoundingMode.HALF_EVEN) : v).toPlainString()).orElse(null);
    }

    private static Optional<BigDecimal> ratio(OptionalDouble value) {
        return value.isPresent() ? Optional.of(BigDecimal.valueOf(value.getAsDouble())) : Optional.empty();
    }
}
