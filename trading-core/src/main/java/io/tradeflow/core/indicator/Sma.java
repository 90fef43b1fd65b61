package io.tradeflow.core.indicator;

/**
 * Simple moving average of the close over {@code n} klines; first value on the n-th kline (TA-Lib's SMA).
 *
 * <p>A running sum makes each update O(1), but adding and subtracting prices leaves rounding error behind that
 * would build up over millions of klines. So whenever the ring wraps (every n klines) the sum is recomputed from
 * the ring, in ring order: O(1) amortized, and the error never spans more than n updates.
 */
final class Sma extends BaseIndicator {

    private final int period;
    private final double[] window;
    private int position;
    private double sum;

    Sma(int period) {
        super("sma(" + period + ")");
        this.period = period;
        this.window = new double[period];
    }

    @Override
    public int warmUp() {
        return period;
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        if (count >= period) {
            sum -= window[position];
        }
        window[position] = close;
        sum += close;
        count++;
        if (++position == period) {
            position = 0;
            sum = exactSum();
        }
    }

    private double exactSum() {
        double total = 0;
        for (double value : window) {
            total += value;
        }
        return total;
    }

    @Override
    public double value(int index) {
        checkOutput(index);
        return isStable() ? sum / period : Double.NaN;
    }

    @Override
    int stateSize() {
        return 2 + period;
    }

    @Override
    void save(PackedState out) {
        out.putLong(position);
        out.put(sum);
        out.put(window);
    }

    @Override
    void load(PackedState in) {
        position = in.getIndex(period - 1);
        sum = in.get();
        in.get(window);
    }
}
