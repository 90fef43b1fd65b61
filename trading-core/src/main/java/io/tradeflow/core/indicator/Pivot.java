package io.tradeflow.core.indicator;

/**
 * Classic swing points. {@code pivothigh(n)}: the most recent high that is strictly higher than each of the n highs
 * before it and each of the n highs after it; {@code pivotlow(n)} likewise for lows (strictly lower). A pivot is
 * known only n klines after it formed, so the value is that confirmed pivot's price, unchanged until the next one is
 * confirmed, and NaN until the first one is.
 *
 * <p>The kline n back is a pivot exactly when it is the unique maximum of the last 2n+1 klines, which a
 * {@link MaxDeque} that keeps ties answers in O(1) amortized. So {@link #warmUp()} (2n+1) is only the least number of
 * klines: the indicator is stable from the first confirmed pivot on, which may come later (or, in a trend, not yet).
 */
final class Pivot extends BaseIndicator {

    private final int strength;
    private final double sign;
    private final MaxDeque deque;
    private double pivot = Double.NaN;

    private Pivot(String kind, int strength, double sign) {
        super(kind + "(" + strength + ")");
        this.strength = strength;
        this.sign = sign;
        this.deque = new MaxDeque(2 * strength + 1, true);
    }

    static Pivot high(int strength) {
        return new Pivot("pivothigh", strength, 1.0);
    }

    static Pivot low(int strength) {
        return new Pivot("pivotlow", strength, -1.0);
    }

    @Override
    public int warmUp() {
        return 2 * strength + 1;
    }

    @Override
    public boolean isStable() {
        return !Double.isNaN(pivot);
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        long position = count++;
        deque.add(position, sign > 0 ? high : -low);
        long candidate = position - strength;
        if (candidate >= strength && deque.maxPosition() == candidate && !deque.maxIsTied()) {
            pivot = sign * deque.max();
        }
    }

    @Override
    public double value(int index) {
        checkOutput(index);
        return pivot;
    }

    @Override
    int stateSize() {
        return 1 + deque.stateSize();
    }

    @Override
    void save(PackedState out) {
        out.put(pivot);
        deque.save(out);
    }

    @Override
    void load(PackedState in) {
        pivot = in.get();
        deque.load(in);
    }
}
