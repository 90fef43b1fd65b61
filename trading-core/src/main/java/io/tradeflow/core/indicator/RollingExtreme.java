package io.tradeflow.core.indicator;

/**
 * {@code highest(n)}: the highest high of the last n klines, this one included; {@code lowest(n)}: the lowest low.
 * First value on the n-th kline (TA-Lib's MAX/MIN lookback). O(1) amortized through a {@link MaxDeque}.
 */
final class RollingExtreme extends BaseIndicator {

    private final int period;
    private final double sign;
    private final MaxDeque deque;

    private RollingExtreme(String kind, int period, double sign) {
        super(kind + "(" + period + ")");
        this.period = period;
        this.sign = sign;
        this.deque = new MaxDeque(period, false);
    }

    static RollingExtreme highest(int period) {
        return new RollingExtreme("highest", period, 1.0);
    }

    static RollingExtreme lowest(int period) {
        return new RollingExtreme("lowest", period, -1.0);
    }

    @Override
    public int warmUp() {
        return period;
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        deque.add(count, sign > 0 ? high : -low);
        count++;
    }

    @Override
    public double value(int index) {
        checkOutput(index);
        return isStable() ? sign * deque.max() : Double.NaN;
    }

    @Override
    int stateSize() {
        return deque.stateSize();
    }

    @Override
    void save(PackedState out) {
        deque.save(out);
    }

    @Override
    void load(PackedState in) {
        deque.load(in);
    }
}
