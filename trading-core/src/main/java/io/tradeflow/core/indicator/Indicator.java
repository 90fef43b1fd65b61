package io.tradeflow.core.indicator;

/**
 * An incremental technical indicator over the closed klines of one (symbol, interval) series.
 *
 * <p>{@link #update} is the hot path: O(1) per kline and allocation-free, so it works on primitive doubles (as
 * TA-Lib does); values become decimals only when a snapshot is written. Conventions follow TA-Lib, see
 * {@code docs/strategies.md}.
 *
 * <p>Most indicators have one output, named {@link #name()}. Multi-output indicators (MACD, Bollinger bands) name
 * each output {@code name() + "." + part}, e.g. {@code macd(12,26,9).signal}.
 */
public interface Indicator {

    /** The canonical name, e.g. {@code sma(21)}; {@link Indicators#create} gives back an equal indicator for it. */
    String name();

    /**
     * How many klines the indicator needs before its first value; it is stable from that kline on. For pivots this is
     * the least number (2n+1): they are stable from the first confirmed pivot, see {@link #isStable()}.
     */
    int warmUp();

    /** Folds in the next closed kline. O(1) (amortized for rolling extremes and pivots) and never allocates. */
    void update(double open, double high, double low, double close, double volume);

    /**
     * True once every output has a value: after {@link #warmUp()} klines, and for pivots once the first pivot has been
     * confirmed. Values of a stable indicator are finite for finite input. Once stable, an indicator stays stable
     * ({@link IndicatorSeries} relies on it and asks again only when its indicators change).
     */
    boolean isStable();

    /** The number of outputs (1 for most indicators). */
    int outputs();

    /** The name of output {@code index}, {@link #name()} for a single-output indicator. */
    String outputName(int index);

    /** The current value of output {@code index}; {@code NaN} while not stable. */
    double value(int index);

    /**
     * Everything the indicator remembers, so that {@link #restore} on a fresh instance of the same name continues
     * exactly where this one is (a restarted service must produce what an uninterrupted one would).
     */
    double[] state();

    /** Loads a {@link #state()} taken from an indicator of the same name. */
    void restore(double[] state);
}
