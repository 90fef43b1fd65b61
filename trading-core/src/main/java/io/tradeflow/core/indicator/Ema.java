package io.tradeflow.core.indicator;

/**
 * Exponential moving average of the close, TA-Lib's default: the first value, on the n-th kline, is the simple mean
 * of the first n closes; after that {@code ema += (close - ema) * 2 / (n + 1)} (written as TA-Lib writes it, so the
 * doubles round alike). {@link #add} lets MACD feed it values other than closes.
 */
final class Ema extends BaseIndicator {

    private final int period;
    private final double k;
    private double seedSum;
    private double ema = Double.NaN;

    Ema(int period) {
        super("ema(" + period + ")");
        this.period = period;
        this.k = 2.0 / (period + 1);
    }

    @Override
    public int warmUp() {
        return period;
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        add(close);
    }

    void add(double x) {
        count++;
        if (count < period) {
            seedSum += x;
        } else if (count == period) {
            seedSum += x;
            ema = seedSum / period;
        } else {
            ema = ((x - ema) * k) + ema;
        }
    }

    /** The current value, NaN before the n-th value: for callers inside the package that skip index checks. */
    double current() {
        return ema;
    }

    @Override
    public double value(int index) {
        checkOutput(index);
        return ema;
    }

    @Override
    int stateSize() {
        return 2;
    }

    @Override
    void save(PackedState out) {
        out.put(seedSum);
        out.put(ema);
    }

    @Override
    void load(PackedState in) {
        seedSum = in.get();
        ema = in.get();
    }
}
