package io.tradeflow.core.strategy;

/**
 * The canonical names of one kind of indicator by period ({@code sma(21)}), each built once and interned: a strategy
 * looks its indicators up by name on every kline, and building the name each time was a measurable part of a
 * backtest.
 * Thread-safe: a name may be built twice by racing threads, which is harmless (strings are immutable).
 */
final class PeriodNames {
    /** Periods cached: up to 1000, the largest {@link Parameter} bound of a period (a larger one is built each time). */
    private static final int CACHED = 1001;

    private final String kind;
    private final String[] byPeriod = new String[CACHED];

    PeriodNames(String kind) {
        this.kind = kind;
    }

    /** {@code kind(period)}, e.g. {@code sma(21)}. */
    String of(int period) {
        if (period < 0 || period >= CACHED) {
            return kind + "(" + period + ")";
        }
        String name = byPeriod[period];
        if (name == null) {
            // Interned as a series' names are, so a snapshot finds it by identity (IndicatorValues.get).
            name = (kind + "(" + period + ")").intern();
            byPeriod[period] = name;
        }
        return name;
    }
}
