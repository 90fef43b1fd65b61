package io.tradeflow.core.indicator;

/**
 * Wilder's average true range, as TA-Lib computes it. The true range needs the previous close, so the first kline
 * has none; the first ATR, on kline n+1, is the simple mean of the first n true ranges, then
 * {@code atr = (atr * (n - 1) + tr) / n}.
 */
final class Atr extends BaseIndicator {

    private final int period;
    private double previousClose;
    private double atr;

    Atr(int period) {
        super("atr(" + period + ")");
        this.period = period;
    }

    @Override
    public int warmUp() {
        return period + 1;
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        count++;
        if (count == 1) {
            previousClose = close;
            return;
        }
        double trueRange = trueRange(high, low, previousClose);
        previousClose = close;
        long ranges = count - 1;
        if (ranges < period) {
            atr += trueRange;
        } else if (ranges == period) {
            atr = (atr + trueRange) / period;
        } else {
            atr = ((atr * (period - 1)) + trueRange) / period;
        }
    }

    static double trueRange(double high, double low, double previousClose) {
        double greatest = high - low;
        double toHigh = Math.abs(previousClose - high);
        if (toHigh > greatest) {
            greatest = toHigh;
        }
        double toLow = Math.abs(previousClose - low);
        return toLow > greatest ? toLow : greatest;
    }

    @Override
    public double value(int index) {
        checkOutput(index);
        return isStable() ? atr : Double.NaN;
    }

    @Override
    int stateSize() {
        return 2;
    }

    @Override
    void save(PackedState out) {
        out.put(previousClose);
        out.put(atr);
    }

    @Override
    void load(PackedState in) {
        previousClose = in.get();
        atr = in.get();
    }
}
